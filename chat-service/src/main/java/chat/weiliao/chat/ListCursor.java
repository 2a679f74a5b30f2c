package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a member's conversation list, which is ordered by {@code updatedAt} and then
 * {@code _id}, both descending: a total order, so a page boundary inside a millisecond that
 * several conversations share skips or repeats none of them. Clients see it only as the opaque
 * {@code next} string.
 */
record ListCursor(long updatedAt, String id) {

  /** The cursor that continues after this conversation document. */
  static ListCursor after(JsonObject conversation) {
    return new ListCursor(conversation.getLong("updatedAt", 0L), conversation.getString("_id"));
  }

  String encode() {
    byte[] text = (updatedAt + ":" + id).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
  }

  /** The cursor a {@code next} string names; INVALID_ARGUMENT for anything this server did not give. */
  static ListCursor decode(String next) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      String id = text.substring(colon + 1);
      if (colon < 1 || !Ids.isConversationId(id)) {
        throw invalid();
      }
      return new ListCursor(Long.parseLong(text.substring(0, colon)), id);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException malformed) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.invalid("before must be the next value of a conversation list");
  }
}
