package chat.weiliao.moments;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** A page of stored moments, newest first, one more read than shown to know whether more follow. */
record MomentPage(List<JsonObject> shown, boolean hasMore) {
  static MomentPage of(List<JsonObject> found, int limit) {
    return new MomentPage(found.subList(0, Math.min(limit, found.size())), found.size() > limit);
  }
}
