package chat.weiliao.chat;

import io.vertx.core.json.JsonObject;

/** The stored message document and the contract's message object. */
final class Messages {
  /** The {@code from} of messages the server writes itself (system notices, call records). */
  static final String SYSTEM = "system";
  /**
   * Prefix of the clientMsgIds the server gives the messages it writes (call records, notices),
   * which makes each of them once-only; clients may not use it, so none can pre-empt a record.
   */
  static final String SERVER_ID_PREFIX = "srv:";
  /** The kinds a client writes (and so may recall). */
  static final java.util.Set<String> CLIENT_KINDS = java.util.Set.of("text", "image", "file", "voice");

  private Messages() {
  }

  /** A message not yet stored: everything but its id and seq. */
  static JsonObject draft(String conversationId, String from, String kind, JsonObject content, String clientMsgId) {
    return new JsonObject()
        .put("conversationId", conversationId)
        .put("from", from)
        .put("kind", kind)
        .put("content", content)
        .put("clientMsgId", clientMsgId)
        .put("createdAt", System.currentTimeMillis())
        .put("recalled", false);
  }

  /** Characters of a text that conversation lists show (the chat itself has the whole text). */
  static final int PREVIEW_CHARS = 100;

  /**
   * A conversation's last message as lists show it: a text is cut to its first
   * {@link #PREVIEW_CHARS} characters (code points, never half a surrogate pair), so a list's size
   * does not grow with its messages' lengths.
   */
  static JsonObject preview(JsonObject lastMessage) {
    JsonObject content = lastMessage == null ? null : lastMessage.getJsonObject("content");
    String text = content == null ? null : content.getString("text");
    if (text == null || text.codePointCount(0, text.length()) <= PREVIEW_CHARS) {
      return lastMessage;
    }
    String cut = text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS));
    return lastMessage.copy().put("content", content.copy().put("text", cut));
  }

  /** The contract's view of a stored document. */
  static JsonObject toJson(JsonObject document) {
    boolean recalled = document.getBoolean("recalled", false);
    return new JsonObject()
        .put("id", document.getString("_id"))
        .put("conversationId", document.getString("conversationId"))
        .put("seq", document.getLong("seq"))
        .put("from", document.getString("from"))
        .put("kind", document.getString("kind"))
        .put("content", recalled ? null : document.getJsonObject("content"))
        .put("clientMsgId", document.getString("clientMsgId"))
        .put("createdAt", document.getLong("createdAt"))
        .put("recalled", recalled);
  }
}
