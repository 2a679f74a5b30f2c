package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusAction.Empty;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;

/** signaling-service's bus API: its actions and the call frame types it serves. */
public final class SignalingApi extends ServiceClient {
  public static final String INVITE_OFFER = "invite-offer";
  public static final String INVITE_ACCEPT = "invite-accept";
  public static final String INVITE_REFUSE = "invite-refuse";
  public static final String INVITE_CANCEL = "invite-cancel";
  public static final String VIDEO_OFFER = "video-offer";
  public static final String VIDEO_ANSWER = "video-answer";
  public static final String ICE_CANDIDATE = "new-ice-candidate";
  public static final String HANG_UP = "hang-up";
  public static final String ICE_SERVERS = "rtc.ice-servers";

  /** Internal, from gateways: a client connection closed (it may have been a party to a call). */
  public static final BusAction<Empty, Empty> CONNECTION_CLOSED =
      BusAction.of("connection.closed", Empty.class, Empty.class);

  /** WebSocket frame types that signaling-service answers; the frame type is the action. */
  public static final Set<String> FRAME_TYPES =
      Set.of(
          INVITE_OFFER,
          INVITE_ACCEPT,
          INVITE_REFUSE,
          INVITE_CANCEL,
          VIDEO_OFFER,
          VIDEO_ANSWER,
          ICE_CANDIDATE,
          HANG_UP);

  public SignalingApi(Vertx vertx, Config config) {
    super(vertx, Addresses.SIGNALING_SERVICE, config.busTimeoutMillis());
  }

  /** Tells signaling a connection closed; it ends any call that connection was part of. */
  public Future<Void> connectionClosed(String phone, String connectionId) {
    return ask(CONNECTION_CLOSED, BusCall.by(phone).connection(connectionId), Empty.VALUE)
        .mapEmpty();
  }
}
