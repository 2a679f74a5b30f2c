package chat.weiliao.common.store;

import chat.weiliao.common.ApiException;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Fixed-window counters in Redis, shared by every user-service instance. A window starts at the
 * first hit and its key expires with it, so nothing needs cleaning up.
 */
public final class RateLimiter {
  /** Increments the counter, starting its window on the first hit; returns {count, ttl}. */
  private static final String HIT =
      """
      local count = redis.call('INCR', KEYS[1])
      if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
      local ttl = redis.call('TTL', KEYS[1])
      if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
      return {count, ttl}
      """;

  /** Decrements only a live counter: a DECR on an expired key would leave one with no expiry. */
  private static final String UNDO =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
      return 0
      """;

  private final RedisAPI redis;

  public RateLimiter(RedisAPI redis) {
    this.redis = redis;
  }

  /**
   * Counts one attempt; fails with RATE_LIMITED once more than {@code limit} fall in the window.
   */
  public Future<Void> hit(String key, int limit, int windowSeconds, String message) {
    return redis
        .eval(List.of(HIT, "1", key, Integer.toString(windowSeconds)))
        .recover(RateLimiter::storeDown)
        .compose(
            result -> over(result, limit) ? limited(result, message) : Future.succeededFuture());
  }

  /** Takes back one counted attempt (it turned out not to be a failure). */
  public Future<Void> undo(String key) {
    return redis.eval(List.of(UNDO, "1", key)).recover(RateLimiter::storeDown).mapEmpty();
  }

  private static boolean over(Response result, int limit) {
    return result.get(0).toInteger() > limit;
  }

  private static Future<Void> limited(Response result, String message) {
    return Future.failedFuture(ApiException.rateLimited(message, result.get(1).toInteger()));
  }

  private static <T> Future<T> storeDown(Throwable failure) {
    return Future.failedFuture(ApiException.unavailable("Rate limit store unavailable"));
  }
}
