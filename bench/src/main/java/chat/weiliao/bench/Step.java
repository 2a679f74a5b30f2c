package chat.weiliao.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * One open-loop step at a fixed rate: a warm-up, then the measured window. Latencies are recorded
 * only for events whose intended send time falls in the window; throughput counts arrivals inside
 * it.
 */
final class Step {
  final int rate;

  /** When the step began (its warm-up included), System.nanoTime(). */
  final long start;

  final long windowStart;
  final long windowEnd;
  final Histogram delivery = histogram();
  final Histogram ack = histogram();
  final LongAdder sent = new LongAdder();
  final LongAdder acked = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder deliveredInWindow = new LongAdder();
  final LongAdder ackedInWindow = new LongAdder();
  final LongAdder errors = new LongAdder();

  Step(int rate, long start, int warmupSeconds, int seconds) {
    this.rate = rate;
    this.start = start;
    this.windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    this.windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
  }

  static Histogram histogram() {
    return new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(120), 3);
  }

  boolean measured(long intended) {
    return intended >= windowStart && intended < windowEnd;
  }

  void onDelivery(long intended, long now) {
    delivered.increment();
    if (now >= windowStart && now < windowEnd) {
      deliveredInWindow.increment();
    }
    if (measured(intended)) {
      delivery.recordValue(Math.min(now - intended, TimeUnit.SECONDS.toNanos(120)));
    }
  }

  void onAck(long intended, long now) {
    acked.increment();
    if (now >= windowStart && now < windowEnd) {
      ackedInWindow.increment();
    }
    if (measured(intended)) {
      ack.recordValue(Math.min(now - intended, TimeUnit.SECONDS.toNanos(120)));
    }
  }

  double windowSeconds() {
    return (windowEnd - windowStart) / 1e9;
  }

  double deliveredPerSecond() {
    return deliveredInWindow.sum() / windowSeconds();
  }

  double ackedPerSecond() {
    return ackedInWindow.sum() / windowSeconds();
  }

  /** Waits (main thread) until every sent event was delivered, or the timeout passes. */
  void drain(long expectedDeliveries, int timeoutSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (delivered.sum() < expectedDeliveries && System.nanoTime() < deadline) {
      Async.sleep(50);
    }
  }
}
