package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code mentions} and {@code mentionAll} of a group text message (contract 1.1 §5.2): 1 to
 * {@link #MAX} members, or everyone (the owner only). What can be checked from the request alone is
 * checked in {@link #of}; membership and ownership need the group ({@link #checkedAgainst}).
 */
record Mentions(Set<String> phones, boolean all) {
  static final int MAX = 50;
  private static final Mentions NONE = new Mentions(Set.of(), false);

  static Mentions of(JsonObject payload, String kind, String conversationId) {
    Object listed = payload.getValue("mentions");
    boolean all = Boolean.TRUE.equals(Validation.optionalBoolean(payload, "mentionAll"));
    if (listed == null && !all) {
      return NONE;
    }
    if (!"text".equals(kind) || Ids.isDirect(conversationId)) {
      throw ApiException.invalid("only text messages in a group may mention people");
    }
    Set<String> phones = new LinkedHashSet<>();
    if (listed != null) {
      if (!(listed instanceof JsonArray array) || array.isEmpty() || array.size() > MAX) {
        throw ApiException.invalid("mentions must hold 1 to " + MAX + " phones");
      }
      for (Object phone : array) {
        if (!(phone instanceof String text) || !Validation.isPhone(text)) {
          throw ApiException.invalid("mentions must hold phone numbers");
        }
        phones.add(text);
      }
    }
    return new Mentions(Set.copyOf(phones), all);
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
