package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.ChatRules;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a member's conversation list, which holds their pinned conversations first and then
 * the others, each part ordered by {@code updatedAt} and then {@code _id}, both descending: a total
 * order, so a page boundary inside a millisecond that several conversations share skips or repeats
 * none of them. Clients see it only as the opaque {@code next} string.
 */
record ListCursor(boolean pinned, long updatedAt, String id) {
  private static final String PINNED_MARK = "p";

  /** The cursor that continues after this conversation document, as {@code member} sees it. */
  static ListCursor after(JsonObject conversation, String member) {
    return new ListCursor(
        ConversationStore.isPinned(conversation, member),
        conversation.getLong("updatedAt", 0L),
        conversation.getString("_id"));
  }

  String encode() {
    byte[] text =
        ((pinned ? PINNED_MARK : "") + updatedAt + ":" + id).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
  }

  /**
   * The cursor a {@code next} string names; INVALID_ARGUMENT for anything this server did not give.
   */
  static ListCursor decode(String next) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      String id = text.substring(colon + 1);
      boolean pinned = text.startsWith(PINNED_MARK);
      int start = pinned ? PINNED_MARK.length() : 0;
      if (colon <= start || !ChatRules.isConversationId(id)) {
        throw invalid();
      }
      return new ListCursor(pinned, Long.parseLong(text.substring(start, colon)), id);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException malformed) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.invalid("before must be the next value of a conversation list");
  }
}
