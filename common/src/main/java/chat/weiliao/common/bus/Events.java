package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.contract.ClientEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Publishing to a user's {@code user.<phone>} address. An event of the catalogue ({@link
 * ClientEvents}) is encoded to its wire frame once and the gateways write that text to each socket
 * as is. Control messages carry a header and are acted on by the gateway instead of being
 * forwarded. Publishing is a wake-up, never the record: callers store first and publish last.
 */
public final class Events {
  /** Header marking a control message for the gateway, with the control's name. */
  public static final String CONTROL_HEADER = "control";

  /** Control: close every socket opened with the login named in the body (a session id). */
  public static final String REVOKE_SESSION = "revoke-session";

  private Events() {}

  public static <P extends Record> void publish(
      Vertx vertx, String phone, ClientEvent<P> event, P payload) {
    vertx.eventBus().publish(Addresses.user(phone), event.frame(payload));
  }

  /** Publishes one already encoded frame to several users. */
  public static void publish(Vertx vertx, Iterable<String> phones, String encodedFrame) {
    for (String phone : phones) {
      vertx.eventBus().publish(Addresses.user(phone), encodedFrame);
    }
  }

  /** Publishes to one connection of a user, or to all but one, by connection id. */
  public static void publishTo(
      Vertx vertx, String phone, String encodedFrame, String header, String connectionId) {
    vertx
        .eventBus()
        .publish(
            Addresses.user(phone),
            encodedFrame,
            new DeliveryOptions().addHeader(header, connectionId));
  }

  public static void revokeSession(Vertx vertx, String phone, String sessionId) {
    vertx
        .eventBus()
        .publish(
            Addresses.user(phone),
            sessionId,
            new DeliveryOptions().addHeader(CONTROL_HEADER, REVOKE_SESSION));
  }
}
