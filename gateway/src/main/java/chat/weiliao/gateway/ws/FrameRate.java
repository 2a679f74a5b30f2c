package chat.weiliao.gateway.ws;

/**
 * Frames in any one-second window on one connection (a sliding window, so a burst that straddles a
 * clock-second boundary is still counted as one burst). Past the limit each frame is refused; a
 * connection that keeps being refused for {@code abuseSeconds} consecutive seconds is to be closed.
 */
final class FrameRate {
  private static final long WINDOW_MILLIS = 1000;

  /** Arrival times of the last {@code perSecond} accepted frames, oldest at {@code next}. */
  private final long[] accepted;

  private final int abuseSeconds;
  private int next;
  private long firstAbusiveSecond = Long.MIN_VALUE;
  private long lastAbusiveSecond = Long.MIN_VALUE;

  FrameRate(int perSecond, int abuseSeconds) {
    this.accepted = new long[perSecond];
    java.util.Arrays.fill(accepted, Long.MIN_VALUE / 2);
    this.abuseSeconds = abuseSeconds;
  }

  enum Verdict {
    OK,
    REFUSE,
    CLOSE
  }

  Verdict count(long nowMillis) {
    if (nowMillis - accepted[next] >= WINDOW_MILLIS) {
      accepted[next] = nowMillis;
      next = (next + 1) % accepted.length;
      return Verdict.OK;
    }
    long second = nowMillis / 1000;
    if (lastAbusiveSecond != second) {
      firstAbusiveSecond = lastAbusiveSecond == second - 1 ? firstAbusiveSecond : second;
      lastAbusiveSecond = second;
    }
    return second - firstAbusiveSecond + 1 >= abuseSeconds ? Verdict.CLOSE : Verdict.REFUSE;
  }
}
