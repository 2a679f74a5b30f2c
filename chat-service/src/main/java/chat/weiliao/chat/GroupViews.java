package chat.weiliao.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The contract's group object, from a group conversation and its members' profiles. */
final class GroupViews {
  /** Members a group summary shows (contract 5.1): the grid avatar's nine, by join order. */
  static final int SUMMARY_MEMBERS = 9;

  private GroupViews() {}

  /** Members in the order they joined. */
  static List<String> members(JsonObject conversation) {
    JsonObject joinedAt = conversation.getJsonObject("joinedAt", new JsonObject());
    List<String> members = new ArrayList<>();
    conversation
        .getJsonArray("members", new JsonArray())
        .forEach(member -> members.add((String) member));
    members.sort(Comparator.comparingLong(phone -> joinedAt.getLong(phone, Long.MAX_VALUE)));
    return members;
  }

  static List<String> firstMembers(JsonObject conversation) {
    List<String> members = members(conversation);
    return members.subList(0, Math.min(SUMMARY_MEMBERS, members.size()));
  }

  /** The member who has been in the group longest, other than {@code leaving}; null if none. */
  static String longestStanding(JsonObject conversation, String leaving) {
    return members(conversation).stream()
        .filter(phone -> !phone.equals(leaving))
        .findFirst()
        .orElse(null);
  }

  /**
   * A member as everyone may see them: the public user only. Profiles come as the asking user sees
   * them (with their private remark and, for contacts, presence); a group object is sent to every
   * member, so none of that may leak into it.
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

  /** The whole group: every member. */
  static JsonObject group(JsonObject conversation, JsonObject profiles) {
    return view(conversation, members(conversation), profiles);
  }

  /** The group as lists show it: the first members only, and how many there are. */
  static JsonObject summary(JsonObject conversation, JsonObject profiles) {
    return view(conversation, firstMembers(conversation), profiles);
  }

  private static JsonObject view(JsonObject conversation, List<String> shown, JsonObject profiles) {
    JsonObject meta = conversation.getJsonObject("group", new JsonObject());
    JsonArray members = new JsonArray();
    for (String phone : shown) {
      members.add(publicUser(phone, profiles.getJsonObject(phone)));
    }
    return new JsonObject()
        .put("id", meta.getString("id"))
        .put("name", meta.getString("name"))
        .put("owner", meta.getString("owner"))
        .put("notice", meta.getString("notice", ""))
        .put("memberCount", conversation.getJsonArray("members", new JsonArray()).size())
        .put("members", members)
        .put("createdAt", meta.getLong("createdAt"));
  }
}
