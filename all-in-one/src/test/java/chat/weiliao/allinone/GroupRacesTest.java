package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
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
 * Issue 15 #9: the owner and the member next in line leave at the same moment. Ownership must
 * end with someone still in the group. A server of its own with the cheapest bcrypt cost.
 */
class GroupRacesTest {
  private static final int ROUNDS = 30;
  private static AllInOne system;
  private static Http http;
  /** Runs the rounds. */
  private static ExecutorService pool;
  /** Runs the racing requests of each round: never full, so a round never waits on its own pool. */
  private static ExecutorService racers;

  @BeforeAll
  static void start() throws Exception {
    system = TestSystem.startOwn("group-races", Map.of("WEILIAO_BCRYPT_COST", "4"));
    http = new Http(system.port());
    pool = Executors.newFixedThreadPool(8);
    racers = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    racers.shutdownNow();
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void theOwnerAndTheNextInLineLeavingAtOnceLeaveAMemberOwning() throws Exception {
    List<Future<?>> rounds = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      rounds.add(pool.submit(() -> {
        bothLeave();
        return null;
      }));
    }
    for (Future<?> round : rounds) {
      round.get(120, TimeUnit.SECONDS);
    }
  }

  private static void bothLeave() throws Exception {
    Users.Account owner = Users.register(http);
    Users.Account next = Users.register(http);
    Users.Account stays = Users.register(http);
    Friends.make(http, owner, next);
    Friends.make(http, owner, stays);
    String group = http.post("/api/groups", new JsonObject().put("name", "G")
            .put("members", new JsonArray().add(next.phone()).add(stays.phone())), owner.accessToken())
        .json().getJsonObject("group").getString("id");
    CountDownLatch go = new CountDownLatch(1);
    Future<Integer> ownerLeaves = racers.submit(() -> leave(go, group, owner));
    Future<Integer> nextLeaves = racers.submit(() -> leave(go, group, next));
    go.countDown();
    assertEquals(204, ownerLeaves.get(30, TimeUnit.SECONDS));
    assertEquals(204, nextLeaves.get(30, TimeUnit.SECONDS));
    JsonObject after = http.get("/api/groups/" + group, stays.accessToken()).json();
    List<String> members = after.getJsonArray("members").stream().map(m -> ((JsonObject) m).getString("phone")).toList();
    assertEquals(List.of(stays.phone()), members);
    assertTrue(members.contains(after.getString("owner")), "owner " + after.getString("owner") + " left");
  }

  private static int leave(CountDownLatch go, String group, Users.Account who) throws InterruptedException {
    go.await();
    return http.delete("/api/groups/" + group + "/members/" + who.phone(), who.accessToken()).status();
  }
}
