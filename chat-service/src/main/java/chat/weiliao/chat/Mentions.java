package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.ChatApi.SendRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code mentions} and {@code mentionAll} of a group text message (contract 1.1 §5.2): 1 to 50
 * members, or everyone (the owner only). What can be checked from the request alone is checked when
 * it is read ({@link SendRequest}); membership and ownership need the group ({@link
 * #checkedAgainst}).
 */
record Mentions(Set<String> phones, boolean all) {
  static Mentions of(SendRequest request) {
    return new Mentions(
        request.mentions() == null ? Set.of() : Set.copyOf(request.mentions()),
        request.mentionAll());
  }

  boolean none() {
    return phones.isEmpty() && !all;
  }

  Mentions checkedAgainst(JsonObject group, String from) {
    JsonArray members = group.getJsonArray("members", new JsonArray());
    for (String phone : phones) {
      if (!members.contains(phone)) {
        throw ApiException.invalid("mentions must name members of the group");
      }
    }
    JsonObject meta = group.getJsonObject("group", new JsonObject());
    if (all && !from.equals(meta.getString("owner"))) {
      throw ApiException.forbidden("Only the group's owner may mention everyone");
    }
    return this;
  }

  JsonObject addTo(JsonObject draft) {
    if (!phones.isEmpty()) {
      draft.put("mentions", new JsonArray(phones.stream().sorted().toList()));
    }
    if (all) {
      draft.put("mentionAll", true);
    }
    return draft;
  }
}
