package chat.weiliao.gateway.ws;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket of closes for cause per key (a user's phone, or a client address): {@code
 * perMinute} of them at once, refilled at {@code perMinute} a minute. A fixed window would let
 * every abusive client back in at each new minute, all at once; a bucket lets them back one at a
 * time. Only keys with a strike in the last minute are kept, so the map stays as small as the set
 * of recent offenders.
 */
final class Strikes {
  private static final long MINUTE_MILLIS = 60_000;
  private final int perMinute;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private long nextSweepMillis;

  /** Strikes left (fractional while refilling) as of a time. */
  private record Bucket(double left, long atMillis) {}

  Strikes(int perMinute) {
    this.perMinute = Math.max(1, perMinute);
  }

  void strike(String key, long nowMillis) {
    sweep(nowMillis);
    buckets.put(key, new Bucket(Math.max(0, left(key, nowMillis) - 1), nowMillis));
  }

  /** True while the key has less than one strike left. */
  boolean outOfStrikes(String key, long nowMillis) {
    return buckets.containsKey(key) && left(key, nowMillis) < 1;
  }

  private double left(String key, long nowMillis) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      return perMinute;
    }
    double refilled = (nowMillis - bucket.atMillis()) * perMinute / (double) MINUTE_MILLIS;
    return Math.min(perMinute, bucket.left() + refilled);
  }

  /** Forgets buckets full again (no strike for a minute), at most once a minute. */
  private void sweep(long nowMillis) {
    if (nowMillis >= nextSweepMillis) {
      buckets.values().removeIf(bucket -> nowMillis - bucket.atMillis() >= MINUTE_MILLIS);
      nextSweepMillis = nowMillis + MINUTE_MILLIS;
    }
  }
}
