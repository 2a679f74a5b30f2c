package chat.weiliao.gateway.ws;

import chat.weiliao.common.ApiException;
import io.vertx.core.json.JsonObject;

/** The server's own frames: acks, errors and pongs, encoded for the wire. */
final class Frames {
  private Frames() {}

  static String ack(String id, JsonObject payload) {
    return new JsonObject().put("type", "ack").put("id", id).put("payload", payload).encode();
  }

  static String error(String id, ApiException error) {
    JsonObject payload =
        new JsonObject().put("code", error.code().name()).put("message", error.getMessage());
    if (error.retryAfterSeconds() != null) {
      payload.put("retryAfter", error.retryAfterSeconds());
    }
    JsonObject frame = new JsonObject().put("type", "error");
    if (id != null) {
      frame.put("id", id);
    }
    return frame.put("payload", payload).encode();
  }
}
