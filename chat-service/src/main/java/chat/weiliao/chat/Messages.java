package chat.weiliao.chat;

import chat.weiliao.common.bus.ChatApi;
import io.vertx.core.json.JsonObject;

/** The stored message document and the contract's message object. */
final class Messages {
  /** The {@code from} of messages the server writes itself (system notices, call records). */
  static final String SYSTEM = "system";

  /** Prefix of the clientMsgIds of the messages the server writes (clients may not use it). */
  static final String SERVER_ID_PREFIX = ChatApi.SERVER_ID_PREFIX;

  /** The kinds a client writes (and so may recall). */
  static final java.util.Set<String> CLIENT_KINDS =
      java.util.Set.of("text", "image", "file", "voice");

  private Messages() {}

  /** A message not yet stored: everything but its id and seq. */
  static JsonObject draft(
      String conversationId, String from, String kind, JsonObject content, String clientMsgId) {
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
   * A conversation's last message as lists show it: a text is cut to its first {@link
   * #PREVIEW_CHARS} characters (code points, never half a surrogate pair), so a list's size does
   * not grow with its messages' lengths.
   */
  static JsonObject preview(JsonObject lastMessage) {
    JsonObject content = lastMessage == null ? null : lastMessage.getJsonObject("content");
    String text = content == null ? null : content.getString("text");
    if (text == null || text.codePointCount(0, text.length()) <= PREVIEW_CHARS) {
      return lastMessage;
    }
    return lastMessage.copy().put("content", content.copy().put("text", cut(text)));
  }

  /**
   * What a reply keeps of the message it quotes (contract 1.1 §5.2): {@code {id, seq, from, kind,
   * text, recalled}}, {@code text} the first {@link #PREVIEW_CHARS} characters of a text message,
   * null for other kinds and for a recalled original.
   */
  static JsonObject quoteOf(JsonObject original) {
    boolean recalled = original.getBoolean("recalled", false);
    JsonObject content = original.getJsonObject("content");
    String text =
        recalled || content == null || !"text".equals(original.getString("kind"))
            ? null
            : cut(content.getString("text"));
    return new JsonObject()
        .put("id", original.getString("_id"))
        .put("seq", original.getLong("seq"))
        .put("from", original.getString("from"))
        .put("kind", original.getString("kind"))
        .put("text", text)
        .put("recalled", recalled);
  }

  /** A quote whose original has been recalled since: its text goes, and it says so. */
  static void markQuoteRecalled(JsonObject quote) {
    quote.putNull("text").put("recalled", true);
  }

  private static String cut(String text) {
    return text == null || text.codePointCount(0, text.length()) <= PREVIEW_CHARS
        ? text
        : text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS));
  }

  /**
   * The contract's view of a stored document; a reply carries its quote, unless recalled itself.
   */
  static JsonObject toJson(JsonObject document) {
    boolean recalled = document.getBoolean("recalled", false);
    JsonObject message =
        new JsonObject()
            .put("id", document.getString("_id"))
            .put("conversationId", document.getString("conversationId"))
            .put("seq", document.getLong("seq"))
            .put("from", document.getString("from"))
            .put("kind", document.getString("kind"))
            .put("content", recalled ? null : document.getJsonObject("content"))
            .put("clientMsgId", document.getString("clientMsgId"))
            .put("createdAt", document.getLong("createdAt"))
            .put("recalled", recalled);
    JsonObject quote = document.getJsonObject("replyTo");
    if (quote != null && !recalled) {
      message.put("replyTo", quote);
    }
    if (document.containsKey("mentions")) {
      message.put("mentions", document.getJsonArray("mentions"));
    }
    if (document.getBoolean("mentionAll", false)) {
      message.put("mentionAll", true);
    }
    return message;
  }
}
