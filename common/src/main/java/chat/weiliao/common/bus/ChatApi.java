package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.Set;

/** chat-service's bus API: its actions, the frame types it serves, and typed calls. */
public final class ChatApi extends ServiceClient {
  public static final String CONVERSATIONS = "conversations.list";
  /** WebSocket frame types that chat-service answers; the frame type is the action. */
  public static final Set<String> FRAME_TYPES = Set.of();

  public ChatApi(Vertx vertx, Config config) {
    super(vertx, Addresses.CHAT_SERVICE, config.busTimeoutMillis());
  }

  /** The caller's conversation summaries, newest first. */
  public Future<JsonArray> conversations(String phone) {
    return ask(CONVERSATIONS, BusCall.of(null).caller(phone))
        .map(body -> body.getJsonArray("conversations", new JsonArray()));
  }
}
