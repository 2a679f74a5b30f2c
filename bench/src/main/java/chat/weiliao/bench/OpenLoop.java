package chat.weiliao.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop generator on the calling thread: event k is due at start + k / rate, whatever the
 * server does; if the thread falls behind it sends the overdue events at once. Each event gets its
 * intended time, so latency measured from it includes any queueing the server caused (no
 * coordinated omission).
 */
final class OpenLoop {
  interface Sender {
    void send(long index, long intendedNanos);
  }

  private OpenLoop() {}

  /** Returns how many events were sent. */
  static long run(int ratePerSecond, long durationNanos, Sender sender) {
    long start = System.nanoTime();
    double interval = 1e9 / ratePerSecond;
    long total = (long) (ratePerSecond * (durationNanos / 1e9));
    long next = 0;
    while (next < total) {
      long now = System.nanoTime();
      while (next < total && start + (long) (next * interval) <= now) {
        sender.send(next, start + (long) (next * interval));
        next++;
      }
      if (next < total) {
        long wait = start + (long) (next * interval) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
    return total;
  }
}
