package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import io.vertx.core.Vertx;

/** moments-service's bus API (contract 1.1 §5.3): one action per route of {@code /api/moments}. */
public final class MomentsApi extends ServiceClient {
  public static final String POST = "moments.post";

  /** The caller's timeline: their own moments and their contacts'. */
  public static final String TIMELINE = "moments.timeline";

  /** One user's moments ({@code /api/users/{phone}/moments}). */
  public static final String ALBUM = "moments.album";

  public static final String GET = "moments.get";
  public static final String DELETE = "moments.delete";
  public static final String LIKE = "moments.like";
  public static final String UNLIKE = "moments.unlike";
  public static final String COMMENT = "moments.comment";
  public static final String DELETE_COMMENT = "moments.delete-comment";

  public MomentsApi(Vertx vertx, Config config) {
    super(vertx, Addresses.MOMENTS_SERVICE, config.busTimeoutMillis());
  }
}
