package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phone;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.UserApi.GatewayNode;
import chat.weiliao.common.bus.UserApi.Online;
import chat.weiliao.common.contract.EventPayloads.PresencePayload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Gateways report a user's first and last socket per node; contacts hear when that changes
 * online-ness.
 */
final class PresenceHandlers {
  private final Vertx vertx;
  private final Presence presence;
  private final ContactStore contacts;

  PresenceHandlers(Vertx vertx, Presence presence, ContactStore contacts) {
    this.vertx = vertx;
    this.presence = presence;
    this.contacts = contacts;
  }

  Future<Answer<Empty>> online(BusCall call, GatewayNode from) {
    String phone = call.caller();
    return presence
        .online(phone, node(from))
        .compose(changed -> announce(phone, changed, new PresencePayload(phone, true, null)));
  }

  Future<Answer<Empty>> offline(BusCall call, GatewayNode from) {
    String phone = call.caller();
    return presence
        .offline(phone, node(from))
        .compose(
            changed ->
                announce(
                    phone, changed, new PresencePayload(phone, false, System.currentTimeMillis())));
  }

  Future<Answer<Online>> check(BusCall call, Phone asked) {
    return presence
        .states(java.util.List.of(asked.phone()))
        .map(states -> Answer.of(new Online(states.get(0).getBoolean("online"))));
  }

  private Future<Answer<Empty>> announce(String phone, boolean changed, PresencePayload payload) {
    if (!changed) {
      return Future.succeededFuture(Answer.empty());
    }
    return contacts
        .contactsOf(phone)
        .map(
            list ->
                Answer.empty()
                    .then(
                        () -> {
                          String frame = ClientEvents.PRESENCE.frame(payload);
                          Events.publish(
                              vertx,
                              list.stream().map(contact -> contact.getString("peer")).toList(),
                              frame);
                        }));
  }

  private static String node(GatewayNode from) {
    if (from.node() == null || from.node().isEmpty() || from.node().length() > 64) {
      throw ApiException.invalid("node must be 1 to 64 characters");
    }
    return from.node();
  }
}
