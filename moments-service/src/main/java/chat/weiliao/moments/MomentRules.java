package chat.weiliao.moments;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What a client may send to Moments (contract 1.1 §5.3), checked and copied. */
final class MomentRules {
  static final int MAX_TEXT = 2000;
  static final int MAX_IMAGES = 9;
  static final int MAX_COMMENT = 280;
  static final int MAX_PAGE = 50;
  static final int DEFAULT_PAGE = 20;

  private MomentRules() {}

  /** A new moment's text (may be empty) and images (may be empty), not both empty. */
  record Post(String text, JsonArray images) {
    static Post of(JsonObject body) {
      String text = Validation.optionalParagraphs(body, "text", 0, MAX_TEXT);
      JsonArray images =
          body.getValue("images") == null
              ? new JsonArray()
              : imagesOf(Validation.array(body, "images", 0, MAX_IMAGES));
      if ((text == null || text.isBlank()) && images.isEmpty()) {
        throw ApiException.invalid("A moment needs text or at least one image");
      }
      return new Post(text == null ? "" : text, images);
    }
  }

  /**
   * Images as the moment shows them, {@code {url, width, height}}; a bare url is taken too (its
   * size then unknown, null), so a client that has no dimensions at hand can still post.
   */
  private static JsonArray imagesOf(JsonArray given) {
    JsonArray images = new JsonArray();
    for (Object item : given) {
      if (item instanceof String url) {
        images.add(
            new JsonObject()
                .put("url", Validation.mediaUrl(new JsonObject().put("url", url), "url"))
                .putNull("width")
                .putNull("height"));
      } else if (item instanceof JsonObject image) {
        images.add(Validation.image(image));
      } else {
        throw ApiException.invalid("each image must be {url, width, height}");
      }
    }
    return images;
  }

  /** A comment's text (1–280 characters, not blank) and the phone it replies to, if any. */
  record Comment(String text, String replyTo) {
    static Comment of(JsonObject body) {
      String text = Validation.optionalParagraphs(body, "text", 1, MAX_COMMENT);
      if (text == null || text.isBlank()) {
        throw ApiException.invalid("text is required and must not be blank");
      }
      String replyTo = body.getValue("replyTo") == null ? null : Validation.phone(body, "replyTo");
      return new Comment(text, replyTo);
    }
  }

  /** A page request: {@code before} (a moment id) and {@code limit} (1–50, default 20). */
  record Page(String before, int limit) {
    static Page of(BusCall call) {
      return new Page(
          MomentIds.cursor(call.param("before")),
          (int) Validation.integerParam(call.param("limit"), "limit", 1, MAX_PAGE, DEFAULT_PAGE));
    }
  }
}
