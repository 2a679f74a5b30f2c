package chat.weiliao.common.async;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key: each starts once the one before it of the same
 * key has completed, whether it succeeded or failed. Keys with nothing queued take no memory. Not
 * thread-safe: use it from one event loop (a verticle's or a connection's).
 */
public final class SerialQueue<K> {
  private final Map<K, Lane> lanes = new HashMap<>();

  private static final class Lane {
    Future<?> tail = Future.succeededFuture();
    int waiting;
  }

  /** Queues {@code task} behind the key's earlier ones; its result once it has run. */
  public <T> Future<T> submit(K key, Supplier<Future<T>> task) {
    Lane lane = lanes.computeIfAbsent(key, unused -> new Lane());
    lane.waiting++;
    Future<T> result = lane.tail.transform(previous -> task.get());
    lane.tail = result;
    result.onComplete(
        done -> {
          if (--lane.waiting == 0) {
            lanes.remove(key, lane);
          }
        });
    return result;
  }

  /** How many tasks of the key have been queued and not completed (the running one included). */
  public int waiting(K key) {
    Lane lane = lanes.get(key);
    return lane == null ? 0 : lane.waiting;
  }
}
