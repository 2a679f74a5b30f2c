package chat.weiliao.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The contract's group object, from a group conversation and its members' profiles. */
final class GroupViews {
  private GroupViews() {
  }

  /** Members in the order they joined. */
  static List<String> members(JsonObject conversation) {
    JsonObject joinedAt = conversation.getJsonObject("joinedAt", new JsonObject());
    List<String> members = new ArrayList<>();
    conversation.getJsonArray("members", new JsonArray()).forEach(member -> members.add((String) member));
    members.sort(Comparator.comparingLong(phone -> joinedAt.getLong(phone, Long.MAX_VALUE)));
    return members;
  }

  /** The member who has been in the group longest, other than {@code leaving}; null if none. */
  static String longestStanding(JsonObject conversation, String leaving) {
    return members(conversation).stream().filter(phone -> !phone.equals(leaving)).findFirst().orElse(null);
  }

  static JsonObject group(JsonObject conversation, JsonObject profiles) {
    JsonObject meta = conversation.getJsonObject("group", new JsonObject());
    JsonArray members = new JsonArray();
    for (String phone : members(conversation)) {
      JsonObject profile = profiles.getJsonObject(phone);
      members.add(profile != null ? profile : new JsonObject().put("phone", phone));
    }
    return new JsonObject()
        .put("id", meta.getString("id"))
        .put("name", meta.getString("name"))
        .put("owner", meta.getString("owner"))
        .put("notice", meta.getString("notice", ""))
        .put("members", members)
        .put("createdAt", meta.getLong("createdAt"));
  }
}
