package chat.weiliao.moments;

import chat.weiliao.common.Config;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;

/**
 * Hourly budgets against spam (issue 19): a post reaches every contact's timeline and connections,
 * a comment the author's and the replied-to's, so both are counted per user per hour.
 */
final class MomentQuotas {
  private static final int HOUR = 3600;
  private final RateLimiter limits;
  private final int postsPerHour;
  private final int commentsPerHour;

  MomentQuotas(RateLimiter limits, Config config) {
    this.limits = limits;
    this.postsPerHour = config.integer("WEILIAO_MOMENTS_POSTS_PER_HOUR", 30);
    this.commentsPerHour = config.integer("WEILIAO_MOMENTS_COMMENTS_PER_HOUR", 300);
  }

  Future<Void> allowPost(String author) {
    return limits.hit(
        "rl:moment-post:" + author, postsPerHour, HOUR, "Too many moments posted; try again later");
  }

  Future<Void> allowComment(String author) {
    return limits.hit(
        "rl:moment-comment:" + author, commentsPerHour, HOUR, "Too many comments; try again later");
  }
}
