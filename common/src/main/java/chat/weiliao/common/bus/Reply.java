package chat.weiliao.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * A service's answer: a body, rarely an HTTP status that overrides the route's default, and
 * optionally work to do once the answer is on its way (publishing events: store, ack, publish).
 */
public record Reply(Integer status, JsonObject body, Runnable afterReply) {
  public static Reply of(JsonObject body) {
    return new Reply(null, body, null);
  }

  public static Reply withStatus(int status, JsonObject body) {
    return new Reply(status, body, null);
  }

  public static Reply empty() {
    return of(new JsonObject());
  }

  /** The same reply, running {@code publish} right after it is sent. */
  public Reply then(Runnable publish) {
    return new Reply(status, body, publish);
  }
}
