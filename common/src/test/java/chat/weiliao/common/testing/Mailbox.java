package chat.weiliao.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What arrived from the bus, kept until a test takes it. {@link #take} awaits the first match (with
 * a deadline, never a sleep) and leaves the rest in order for later takes, so a test can await what
 * it cares about whatever else interleaves. Hand-written: Awaitility would do the waiting, but it
 * is not among the build's dependencies and this is a monitor and a loop.
 */
final class Mailbox<T> {
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private final List<T> arrived = new ArrayList<>();

  synchronized void add(T item) {
    arrived.add(item);
    notifyAll();
  }

  /**
   * The first item matching, awaited; fails the test, naming {@code what}, if none comes in time.
   */
  synchronized T take(Predicate<T> matching, String what) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (true) {
      for (Iterator<T> items = arrived.iterator(); items.hasNext(); ) {
        T item = items.next();
        if (matching.test(item)) {
          items.remove();
          return item;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return fail("no " + what + " arrived in time; unclaimed: " + arrived);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted awaiting " + what);
      }
    }
  }
}
