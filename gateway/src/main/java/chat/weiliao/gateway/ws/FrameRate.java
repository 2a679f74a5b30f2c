package chat.weiliao.gateway.ws;

/**
 * Frames per second on one connection. Past the limit each frame is refused; a connection that
 * stays over it for {@code abuseSeconds} consecutive seconds is to be closed.
 */
final class FrameRate {
  private final int perSecond;
  private final int abuseSeconds;
  private long currentSecond = -1;
  private int countThisSecond;
  private long firstAbusiveSecond = -1;
  private long lastAbusiveSecond = -1;

  FrameRate(int perSecond, int abuseSeconds) {
    this.perSecond = perSecond;
    this.abuseSeconds = abuseSeconds;
  }

  enum Verdict { OK, REFUSE, CLOSE }

  Verdict count(long nowMillis) {
    long second = nowMillis / 1000;
    if (second != currentSecond) {
      currentSecond = second;
      countThisSecond = 0;
    }
    countThisSecond++;
    if (countThisSecond <= perSecond) {
      return Verdict.OK;
    }
    if (lastAbusiveSecond != second) {
      firstAbusiveSecond = lastAbusiveSecond == second - 1 ? firstAbusiveSecond : second;
      lastAbusiveSecond = second;
    }
    return second - firstAbusiveSecond + 1 >= abuseSeconds ? Verdict.CLOSE : Verdict.REFUSE;
  }
}
