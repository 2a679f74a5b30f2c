package chat.weiliao.gateway.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * At most {@code limit} new sockets are being set up (channel, presence, session.ready) at once on
 * this gateway; the others wait their turn with their frames held. A reconnect storm then flows
 * through the services as a steady stream instead of thousands of requests that all time out
 * together, after which thousands of clients would come back again. All on one event loop.
 */
final class SessionAdmission {
  private final int limit;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  SessionAdmission(int limit) {
    this.limit = limit;
  }

  /** Runs {@code setUp} when a slot is free; {@code stillWanted} false (socket gone) skips it. */
  <T> Future<T> admit(Supplier<Boolean> stillWanted, Supplier<Future<T>> setUp) {
    Promise<T> result = Promise.promise();
    Runnable start =
        () -> {
          Future<T> done;
          try {
            done = stillWanted.get() ? setUp.get() : Future.failedFuture("closed while waiting");
          } catch (RuntimeException failure) {
            done =
                Future.failedFuture(failure); // never keep a slot for a set-up that did not start
          }
          done.onComplete(
              outcome -> {
                release();
                result.handle(outcome);
              });
        };
    if (running < limit) {
      running++;
      start.run();
    } else {
      waiting.add(start);
    }
    return result.future();
  }

  private void release() {
    Runnable next = waiting.poll();
    if (next != null) {
      next.run(); // the slot passes straight to the next socket
    } else {
      running--;
    }
  }
}
