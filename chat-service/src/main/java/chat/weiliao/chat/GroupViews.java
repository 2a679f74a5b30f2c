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

  /**
   * A member as everyone may see them: the public user only. Profiles come as the asking user
   * sees them (with their private remark and, for contacts, presence); a group object is sent to
   * every member, so none of that may leak into it.
   */
  private static JsonObject publicUser(String phone, JsonObject profile) {
    JsonObject user = new JsonObject().put("phone", phone);
    if (profile != null) {
      for (String field : new String[] {"nickname", "avatar", "signature", "createdAt"}) {
        user.put(field, profile.getValue(field));
      }
    }
    return user;
  }

  static JsonObject group(JsonObject conversation, JsonObject profiles) {
    JsonObject meta = conversation.getJsonObject("group", new JsonObject());
    JsonArray members = new JsonArray();
    for (String phone : members(conversation)) {
      members.add(publicUser(phone, profiles.getJsonObject(phone)));
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
