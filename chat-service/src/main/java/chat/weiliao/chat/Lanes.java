package chat.weiliao.chat;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs tasks with the same key one after another, in the order they arrived; different keys run
 * concurrently. One lane per conversation means this instance never races itself for a seq, so
 * the unique index only has to settle races between instances. Event-loop confined.
 */
final class Lanes {
  private final Map<String, Future<?>> tails = new HashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> task) {
    Future<?> tail = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> next = tail.transform(previous -> {
      try {
        return task.get();
      } catch (RuntimeException failure) {
        return Future.failedFuture(failure);
      }
    });
    tails.put(key, next);
    next.onComplete(done -> tails.remove(key, next));
    return next;
  }
}
