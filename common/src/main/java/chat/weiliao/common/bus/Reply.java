package chat.weiliao.common.bus;

import io.vertx.core.json.JsonObject;

/** A service's answer: a body and, rarely, an HTTP status that overrides the route's default. */
public record Reply(Integer status, JsonObject body) {
  public static Reply of(JsonObject body) {
    return new Reply(null, body);
  }

  public static Reply withStatus(int status, JsonObject body) {
    return new Reply(status, body);
  }

  public static Reply empty() {
    return new Reply(null, new JsonObject());
  }
}
