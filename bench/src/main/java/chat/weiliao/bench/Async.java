package chat.weiliao.bench;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Bounded parallelism over futures, and the one place the main thread waits for one. */
final class Async {
  private Async() {}

  /** Runs {@code count} tasks with at most {@code parallel} in flight; results in index order. */
  static <T> Future<List<T>> bounded(int count, int parallel, Function<Integer, Future<T>> task) {
    List<T> results = new ArrayList<>(Collections.nCopies(count, null));
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(parallel, count); lane++) {
      lanes.add(drain(next, count, task, results));
    }
    return Future.all(lanes).map(done -> results);
  }

  private static <T> Future<Void> drain(
      AtomicInteger next, int count, Function<Integer, Future<T>> task, List<T> results) {
    int index = next.getAndIncrement();
    if (index >= count) {
      return Future.succeededFuture();
    }
    return task.apply(index)
        .compose(
            result -> {
              results.set(index, result);
              return drain(next, count, task, results);
            });
  }

  /** Blocks the main thread (never an event loop) until the future completes. */
  static <T> T await(Future<T> future, int seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
