package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import io.vertx.core.json.JsonObject;

/**
 * What a client may send as a message: text, image, file or voice, each with exactly the contract's
 * fields, checked and copied (unknown fields are dropped). call and system messages come only from
 * the server. That a voice message's media is audio is checked against the store ({@link
 * MediaStore#isAudio}), not here.
 */
final class ContentRules {
  static final int MAX_TEXT = 4096;
  static final long MAX_MEDIA_BYTES = 10L * 1024 * 1024;

  /** A voice message's duration, in whole milliseconds (contract 1.1 §5.2). */
  static final int MIN_VOICE_MILLIS = 500;

  static final int MAX_VOICE_MILLIS = 60_000;

  private ContentRules() {}

  static JsonObject clientContent(String kind, JsonObject content) {
    return switch (kind) {
      case "text" -> text(content);
      case "image" -> Validation.image(content);
      case "file" ->
          new JsonObject()
              .put("url", mediaUrl(content))
              .put("name", Validation.string(content, "name", 1, 255))
              .put("size", Validation.integer(content, "size", 0, MAX_MEDIA_BYTES));
      case "voice" ->
          new JsonObject()
              .put("url", mediaUrl(content))
              .put(
                  "duration",
                  Validation.integer(content, "duration", MIN_VOICE_MILLIS, MAX_VOICE_MILLIS));
      case "call", "system" ->
          throw ApiException.invalid("Only the server writes " + kind + " messages");
      default -> throw ApiException.invalid("kind must be text, image, file or voice");
    };
  }

  private static JsonObject text(JsonObject content) {
    String text = Validation.string(content, "text", 1, MAX_TEXT);
    if (text.isBlank()) {
      throw ApiException.invalid("text must not be blank");
    }
    return new JsonObject().put("text", text);
  }

  private static String mediaUrl(JsonObject content) {
    return Validation.mediaUrl(content, "url");
  }
}
