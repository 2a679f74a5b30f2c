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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contact changes that race (issue 15): two crossing requests sent at the same moment, and an
 * accept retried in a loop while the other side deletes the contact. A server of its own with
 * the cheapest bcrypt cost, since each round needs fresh users.
 */
class ContactRacesTest {
  private static final int PAIRS = 50;
  private static AllInOne system;
  private static Http http;
  /** Runs the rounds. */
  private static ExecutorService pool;
  /** Runs the racing requests of each round: never full, so a round never waits on its own pool. */
  private static ExecutorService racers;

  @BeforeAll
  static void start() throws Exception {
    system = TestSystem.startOwn("contact-races", Map.of("WEILIAO_BCRYPT_COST", "4"));
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

  /** The contract: if the addressee already asked the caller, the later request accepts the earlier. */
  @Test
  void crossingRequestsSentAtOnceMakeContacts() throws Exception {
    List<Future<List<Integer>>> rounds = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      Users.Account a = Users.register(http);
      Users.Account b = Users.register(http);
      rounds.add(pool.submit(() -> crossing(a, b)));
    }
    for (Future<List<Integer>> round : rounds) {
      List<Integer> statuses = round.get(60, TimeUnit.SECONDS);
      assertTrue(statuses.contains(200), "one of the two requests accepts the other: " + statuses);
    }
  }

  private static List<Integer> crossing(Users.Account a, Users.Account b) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    Future<Integer> fromA = racers.submit(() -> ask(go, a, b));
    Future<Integer> fromB = racers.submit(() -> ask(go, b, a));
    go.countDown();
    List<Integer> statuses = List.of(fromA.get(30, TimeUnit.SECONDS), fromB.get(30, TimeUnit.SECONDS));
    assertContacts(a, b, true);
    assertEquals(0, pending(a) + pending(b), "no request stays pending");
    return statuses;
  }

  private static int ask(CountDownLatch go, Users.Account from, Users.Account to) throws InterruptedException {
    go.await();
    return http.post("/api/contacts/requests", new JsonObject().put("to", to.phone()), from.accessToken()).status();
  }

  /** Deleting wins over an old request's accept, however the two interleave. */
  @Test
  void anAcceptRetriedWhileTheOtherSideDeletesNeverReopens() throws Exception {
    List<Future<?>> rounds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Users.Account deleter = Users.register(http);
      Users.Account looper = Users.register(http);
      rounds.add(pool.submit(() -> {
        deleteWhileAccepting(deleter, looper);
        return null;
      }));
    }
    for (Future<?> round : rounds) {
      round.get(120, TimeUnit.SECONDS);
    }
  }

  private static void deleteWhileAccepting(Users.Account deleter, Users.Account looper) throws Exception {
    Http.Response request = http.post("/api/contacts/requests", new JsonObject().put("to", looper.phone()),
        deleter.accessToken());
    String accept = "/api/contacts/requests/" + request.json().getString("id") + "/accept";
    assertEquals(200, http.post(accept, null, looper.accessToken()).status());
    AtomicBoolean deleted = new AtomicBoolean();
    Future<?> loop = racers.submit(() -> {
      // keeps accepting until well after the delete has answered
      for (int after = 0; after < 5; after += deleted.get() ? 1 : 0) {
        http.post(accept, null, looper.accessToken());
      }
      return null;
    });
    Http.Response removed = http.delete("/api/contacts/" + looper.phone(), deleter.accessToken());
    assertEquals(204, removed.status(), removed.text());
    deleted.set(true);
    loop.get(60, TimeUnit.SECONDS);
    assertContacts(deleter, looper, false);
    JsonObject reply;
    try (WsClient socket = Friends.ready(system.port(), looper.accessToken())) {
      reply = socket.request("message.send", Friends.text(Friends.directId(deleter.phone(), looper.phone()), "hi"));
    }
    assertEquals("FORBIDDEN", Friends.errorCode(reply), "the chat stays closed");
  }

  private static void assertContacts(Users.Account a, Users.Account b, boolean expected) {
    assertEquals(expected, contactPhones(a).contains(b.phone()), a.phone() + " lists " + b.phone());
    assertEquals(expected, contactPhones(b).contains(a.phone()), b.phone() + " lists " + a.phone());
  }

  private static List<String> contactPhones(Users.Account account) {
    JsonArray contacts = http.get("/api/contacts", account.accessToken()).json().getJsonArray("contacts");
    return contacts.stream().map(c -> ((JsonObject) c).getString("phone")).toList();
  }

  private static int pending(Users.Account account) {
    JsonObject requests = http.get("/api/contacts/requests", account.accessToken()).json();
    int count = 0;
    for (String side : new String[] {"incoming", "outgoing"}) {
      for (Object request : requests.getJsonArray(side)) {
        count += "pending".equals(((JsonObject) request).getString("status")) ? 1 : 0;
      }
    }
    return count;
  }
}
