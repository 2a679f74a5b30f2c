package chat.weiliao.common.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tasks of one key run one after another, in order, past failures; keys do not wait for each other.
 */
class SerialQueueTest {
  private final SerialQueue<String> queue = new SerialQueue<>();
  private final List<String> started = new ArrayList<>();

  @Test
  void aKeysTasksRunInOrderEachAfterThePreviousCompleted() {
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    Future<Void> one = queue.submit("a", () -> start("a1", first));
    Future<Void> two = queue.submit("a", () -> start("a2", second));
    Future<Void> other = queue.submit("b", () -> start("b1", Promise.promise()));
    assertEquals(List.of("a1", "b1"), started, "a2 waits for a1; b does not wait for a");
    assertEquals(2, queue.waiting("a"));

    first.fail("a1 failed");
    assertTrue(one.failed());
    assertEquals(List.of("a1", "b1", "a2"), started, "a failure does not stop the queue");
    second.complete();
    assertTrue(two.succeeded());
    assertEquals(0, queue.waiting("a"), "an idle key is forgotten");
    assertEquals(1, queue.waiting("b"));
    assertTrue(!other.isComplete());
  }

  private Future<Void> start(String name, Promise<Void> done) {
    started.add(name);
    return done.future();
  }
}
