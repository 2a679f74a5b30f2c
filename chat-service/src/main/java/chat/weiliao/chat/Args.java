package chat.weiliao.chat;

import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import io.vertx.core.json.JsonObject;

/**
 * Arguments that arrive either in a frame payload (typed JSON) or in an HTTP path or query
 * (strings): the same handler serves both.
 */
final class Args {
  private Args() {}

  /** Path and query values win over the body, so a body cannot redirect an HTTP route. */
  static Object value(BusCall call, String name) {
    String fromParams = call.param(name);
    return fromParams != null ? fromParams : call.body().getValue(name);
  }

  static Long optionalLong(BusCall call, String name, long min, long max) {
    String fromParams = call.param(name);
    if (fromParams != null) {
      return Validation.integerParam(fromParams, name, min, max, 0);
    }
    Object fromBody = call.body().getValue(name);
    return fromBody == null
        ? null
        : Validation.integer(new JsonObject().put(name, fromBody), name, min, max);
  }
}
