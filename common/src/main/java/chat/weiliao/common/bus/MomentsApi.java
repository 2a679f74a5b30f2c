package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.contract.ContractObjects.Comment;
import chat.weiliao.common.contract.ContractObjects.Moment;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * moments-service's bus API (contract 1.1 §5.3): one action per route of {@code /api/moments}, each
 * with its request record, read from the route's body and parameters by the record's {@code read}
 * (INVALID_ARGUMENT for a bad field), and its reply. Moment and comment ids are passed as given:
 * the service answers NOT_FOUND for one that cannot exist, as for one it cannot show.
 */
public final class MomentsApi extends ServiceClient {
  public static final BusAction<PostRequest, Wire<Moment>> POST =
      BusAction.fromClient("moments.post", call -> PostRequest.read(call.body()), BusAction.wire());

  /** The caller's timeline: their own moments and their contacts'. */
  public static final BusAction<PageRequest, MomentList> TIMELINE =
      BusAction.fromClient("moments.timeline", PageRequest::read, MomentList.class);

  /** One user's moments ({@code /api/users/{phone}/moments}). */
  public static final BusAction<AlbumRequest, MomentList> ALBUM =
      BusAction.fromClient("moments.album", AlbumRequest::read, MomentList.class);

  public static final BusAction<MomentRef, Wire<Moment>> GET =
      BusAction.fromClient("moments.get", MomentRef::read, BusAction.wire());
  public static final BusAction<MomentRef, Empty> DELETE =
      BusAction.fromClient("moments.delete", MomentRef::read, Empty.class);
  public static final BusAction<MomentRef, Empty> LIKE =
      BusAction.fromClient("moments.like", MomentRef::read, Empty.class);
  public static final BusAction<MomentRef, Empty> UNLIKE =
      BusAction.fromClient("moments.unlike", MomentRef::read, Empty.class);
  public static final BusAction<CommentRequest, Wire<Comment>> COMMENT =
      BusAction.fromClient("moments.comment", CommentRequest::read, BusAction.wire());
  public static final BusAction<CommentRef, Empty> DELETE_COMMENT =
      BusAction.fromClient("moments.delete-comment", CommentRef::read, Empty.class);

  /** Moment and comment ids: 12 hex digits of the creation millisecond, then 12 random ones. */
  public static final Pattern ID = Pattern.compile("^[0-9a-f]{24}$");

  public static final int MAX_TEXT = 2000;
  public static final int MAX_IMAGES = 9;
  public static final int MAX_COMMENT = 280;
  public static final int MAX_PAGE = 50;
  public static final int DEFAULT_PAGE = 20;

  /**
   * A new moment's text (may be empty) and images (may be empty), not both empty. Images as the
   * moment shows them, {@code {url, width, height}}; a bare url is taken too (its size then
   * unknown, null), so a client that has no dimensions at hand can still post.
   */
  public record PostRequest(String text, JsonArray images) {
    static PostRequest read(JsonObject body) {
      String text = Validation.optionalParagraphs(body, "text", 0, MAX_TEXT);
      JsonArray images =
          body.getValue("images") == null
              ? new JsonArray()
              : imagesOf(Validation.array(body, "images", 0, MAX_IMAGES));
      if ((text == null || text.isBlank()) && images.isEmpty()) {
        throw ApiException.invalid("A moment needs text or at least one image");
      }
      return new PostRequest(text == null ? "" : text, images);
    }

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
  }

  /** A page of moments: {@code before} (a moment id) and {@code limit} (1–50, default 20). */
  public record PageRequest(String before, int limit) {
    static PageRequest read(BusCall call) {
      String before = call.param("before");
      if (before != null && !ID.matcher(before).matches()) {
        throw ApiException.invalid("before must be a moment id");
      }
      return new PageRequest(
          before,
          (int) Validation.integerParam(call.param("limit"), "limit", 1, MAX_PAGE, DEFAULT_PAGE));
    }
  }

  /** One user's moments, a page of them. */
  public record AlbumRequest(String author, PageRequest page) {
    static AlbumRequest read(BusCall call) {
      String author = Validation.phoneParam(call.param("phone"), "phone");
      return new AlbumRequest(author, PageRequest.read(call));
    }
  }

  /** A page of moments as the viewer may see them, newest first. */
  public record MomentList(List<Wire<Moment>> moments, boolean hasMore) {}

  /** Which moment (its id as given). */
  public record MomentRef(String id) {
    static MomentRef read(BusCall call) {
      return new MomentRef(call.param("id"));
    }
  }

  /** A comment's text (1–280 characters, not blank) and the phone it replies to, if any. */
  public record CommentRequest(String momentId, String text, String replyTo) {
    static CommentRequest read(BusCall call) {
      JsonObject body = call.body();
      String text = Validation.optionalParagraphs(body, "text", 1, MAX_COMMENT);
      if (text == null || text.isBlank()) {
        throw ApiException.invalid("text is required and must not be blank");
      }
      String replyTo = body.getValue("replyTo") == null ? null : Validation.phone(body, "replyTo");
      return new CommentRequest(call.param("id"), text, replyTo);
    }
  }

  /** Which comment of which moment (ids as given). */
  public record CommentRef(String momentId, String commentId) {
    static CommentRef read(BusCall call) {
      return new CommentRef(call.param("id"), call.param("commentId"));
    }
  }

  public MomentsApi(Vertx vertx, Config config) {
    super(vertx, Addresses.MOMENTS_SERVICE, config.busTimeoutMillis());
  }
}
