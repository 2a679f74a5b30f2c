package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 #9: the password-hash queue is bounded. One hashing thread, room for two hashes and a
 * slow bcrypt cost, then a burst of registrations released at once: those past the room are
 * answered UNAVAILABLE at once instead of waiting in an unbounded queue.
 */
class HashQueueTest {
  private static final int BURST = 12;
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    system =
        TestSystem.startOwn(
            "hash-queue",
            Map.of(
                "WEILIAO_BCRYPT_COST",
                "12",
                "WEILIAO_HASH_THREADS",
                "1",
                "WEILIAO_HASH_QUEUE",
                "2"));
    http = new Http(system.port());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aBurstPastTheQueueIsRefusedAsUnavailableAndTheRestSucceed() throws Exception {
    ExecutorService racers = Executors.newFixedThreadPool(BURST);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Http.Response>> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        burst.add(
            racers.submit(
                () -> {
                  go.await();
                  return register();
                }));
      }
      go.countDown();
      int created = 0;
      int refused = 0;
      for (Future<Http.Response> each : burst) {
        Http.Response response = each.get(120, TimeUnit.SECONDS);
        if (response.status() == 503) {
          assertEquals("UNAVAILABLE", response.errorCode());
          refused++;
        } else {
          assertEquals(201, response.status(), response.text());
          created++;
        }
      }
      assertTrue(refused > 0, "the queue holds two, " + BURST + " came at once");
      assertTrue(created > 0, "the first are served");
      assertEquals(201, register().status(), "room again once the burst is hashed");
    } finally {
      racers.shutdownNow();
    }
  }

  private static Http.Response register() {
    return http.post(
        "/api/auth/register",
        new JsonObject()
            .put("phone", TestSystem.newPhone())
            .put("password", Users.PASSWORD)
            .put("nickname", "Burst"),
        null);
  }
}
