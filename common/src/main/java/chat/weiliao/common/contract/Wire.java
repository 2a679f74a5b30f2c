package chat.weiliao.common.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A contract object of type {@code T} that a service built as JSON from its stored document (a
 * message, a conversation, a group, ...). Services keep building these as JSON, the form they are
 * stored and sent in, so the write path converts nothing; the type parameter names the shape the
 * catalogue declares for it, and the all-in-one tests hold every event they receive to that shape
 * ({@link ContractSchema}).
 */
public record Wire<T>(JsonObject json) {
  public static <T> Wire<T> of(JsonObject json) {
    return new Wire<>(json);
  }

  /** Each object of a JSON array (objects only). */
  public static <T> List<Wire<T>> list(JsonArray array) {
    List<Wire<T>> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(of(array.getJsonObject(i)));
    }
    return list;
  }
}
