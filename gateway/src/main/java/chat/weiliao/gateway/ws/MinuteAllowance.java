package chat.weiliao.gateway.ws;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per key (a user's phone, or a client address): {@code perMinute} uses at once,
 * refilled at {@code perMinute} a minute. It counts closes for cause and handshakes. A fixed window
 * would let every abusive client back in at each new minute, all at once; a bucket lets them back
 * one at a time. Only keys used in the last minute are kept, so the map stays as small as the set
 * of recent users of the key.
 */
final class MinuteAllowance {
  private static final long MINUTE_MILLIS = 60_000;
  private final int perMinute;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private long nextSweepMillis;

  /** Uses left (fractional while refilling) as of a time. */
  private record Bucket(double left, long atMillis) {}

  MinuteAllowance(int perMinute) {
    this.perMinute = Math.max(1, perMinute);
  }

  void use(String key, long nowMillis) {
    sweep(nowMillis);
    buckets.put(key, new Bucket(Math.max(0, left(key, nowMillis) - 1), nowMillis));
  }

  /** Uses one if one is left; false (and nothing used) when the key is used up. */
  boolean tryUse(String key, long nowMillis) {
    if (usedUp(key, nowMillis)) {
      return false;
    }
    use(key, nowMillis);
    return true;
  }

  /** True while the key has less than one use left. */
  boolean usedUp(String key, long nowMillis) {
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

  /** Forgets buckets full again (not used for a minute), at most once a minute. */
  private void sweep(long nowMillis) {
    if (nowMillis >= nextSweepMillis) {
      buckets.values().removeIf(bucket -> nowMillis - bucket.atMillis() >= MINUTE_MILLIS);
      nextSweepMillis = nowMillis + MINUTE_MILLIS;
    }
  }
}
