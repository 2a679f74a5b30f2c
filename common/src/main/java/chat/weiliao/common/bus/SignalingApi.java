package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import io.vertx.core.Vertx;
import java.util.Set;

/** signaling-service's bus API: its actions and the call frame types it serves. */
public final class SignalingApi extends ServiceClient {
  /** WebSocket frame types that signaling-service answers; the frame type is the action. */
  public static final Set<String> FRAME_TYPES = Set.of();

  public SignalingApi(Vertx vertx, Config config) {
    super(vertx, Addresses.SIGNALING_SERVICE, config.busTimeoutMillis());
  }
}
