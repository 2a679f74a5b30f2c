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
 * Changes that race (issue 15): two crossing requests sent at the same moment, an accept retried in
 * a loop while the other side deletes the contact, and a group's owner and next in line leaving at
 * once. A server of its own with the cheapest bcrypt cost, since each round needs fresh users.
 */
class RacesTest {
  private static final int PAIRS = 50;
  private static final int GROUPS = 30;
  private static final int DELETIONS = 30;

  /** Accepts of the old request fired at the same moment as the deletion, in each round. */
  private static final int ACCEPTS_WITH_THE_DELETE = 6;

  private static AllInOne system;
  private static Http http;

  /** Runs the rounds. */
  private static ExecutorService pool;

  /** Runs the racing requests of each round: never full, so a round never waits on its own pool. */
  private static ExecutorService racers;

  @BeforeAll
  static void start() throws Exception {
    system = TestSystem.startOwn("races", Map.of("WEILIAO_BCRYPT_COST", "4"));
    http = new Http(system.port());
    pool = Executors.newFixedThreadPool(4);
    racers = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    racers.shutdownNow();
    system.stop().await(30, TimeUnit.SECONDS);
  }

  /**
   * The contract: if the addressee already asked the caller, the later request accepts the earlier.
   */
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
    List<Integer> statuses =
        List.of(fromA.get(30, TimeUnit.SECONDS), fromB.get(30, TimeUnit.SECONDS));
    assertContacts(a, b, true);
    assertEquals(0, pending(a) + pending(b), "no request stays pending");
    return statuses;
  }

  private static int ask(CountDownLatch go, Users.Account from, Users.Account to)
      throws InterruptedException {
    go.await();
    return http.post(
            "/api/contacts/requests", new JsonObject().put("to", to.phone()), from.accessToken())
        .status();
  }

  /** Deleting wins over an old request's accept, however the two interleave. */
  @Test
  void anAcceptRetriedWhileTheOtherSideDeletesNeverReopens() throws Exception {
    List<Future<?>> rounds = new ArrayList<>();
    for (int i = 0; i < DELETIONS; i++) {
      Users.Account deleter = Users.register(http);
      Users.Account looper = Users.register(http);
      rounds.add(
          pool.submit(
              () -> {
                deleteWhileAccepting(deleter, looper);
                return null;
              }));
    }
    for (Future<?> round : rounds) {
      round.get(120, TimeUnit.SECONDS);
    }
  }

  private static void deleteWhileAccepting(Users.Account deleter, Users.Account looper)
      throws Exception {
    Http.Response request =
        http.post(
            "/api/contacts/requests",
            new JsonObject().put("to", looper.phone()),
            deleter.accessToken());
    String accept = "/api/contacts/requests/" + request.json().getString("id") + "/accept";
    assertEquals(200, http.post(accept, null, looper.accessToken()).status());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> accepts = new ArrayList<>();
    for (int i = 0; i < ACCEPTS_WITH_THE_DELETE; i++) {
      accepts.add(
          racers.submit(
              () -> {
                go.await();
                return http.post(accept, null, looper.accessToken()).status();
              }));
    }
    Future<Http.Response> removing =
        racers.submit(
            () -> {
              go.await();
              return http.delete("/api/contacts/" + looper.phone(), deleter.accessToken());
            });
    go.countDown();
    Http.Response removed = removing.get(60, TimeUnit.SECONDS);
    assertEquals(204, removed.status(), removed.text());
    for (Future<?> racing : accepts) {
      racing.get(60, TimeUnit.SECONDS);
    }
    assertEquals(
        409, http.post(accept, null, looper.accessToken()).status(), "an accept after the delete");
    assertContacts(deleter, looper, false);
    JsonObject reply;
    try (WsClient socket = Friends.ready(system.port(), looper.accessToken())) {
      reply =
          socket.request(
              "message.send",
              Friends.text(Friends.directId(deleter.phone(), looper.phone()), "hi"));
    }
    assertEquals("FORBIDDEN", Friends.errorCode(reply), "the chat stays closed");
  }

  private static void assertContacts(Users.Account a, Users.Account b, boolean expected) {
    assertEquals(expected, contactPhones(a).contains(b.phone()), a.phone() + " lists " + b.phone());
    assertEquals(expected, contactPhones(b).contains(a.phone()), b.phone() + " lists " + a.phone());
  }

  private static List<String> contactPhones(Users.Account account) {
    JsonArray contacts =
        http.get("/api/contacts", account.accessToken()).json().getJsonArray("contacts");
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

  @Test
  void theOwnerAndTheNextInLineLeavingAtOnceLeaveAMemberOwning() throws Exception {
    List<Future<?>> rounds = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      rounds.add(
          pool.submit(
              () -> {
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
    String group =
        http.post(
                "/api/groups",
                new JsonObject()
                    .put("name", "G")
                    .put("members", new JsonArray().add(next.phone()).add(stays.phone())),
                owner.accessToken())
            .json()
            .getJsonObject("group")
            .getString("id");
    CountDownLatch go = new CountDownLatch(1);
    Future<Integer> ownerLeaves = racers.submit(() -> leave(go, group, owner));
    Future<Integer> nextLeaves = racers.submit(() -> leave(go, group, next));
    go.countDown();
    assertEquals(204, ownerLeaves.get(30, TimeUnit.SECONDS));
    assertEquals(204, nextLeaves.get(30, TimeUnit.SECONDS));
    JsonObject after = http.get("/api/groups/" + group, stays.accessToken()).json();
    List<String> members =
        after.getJsonArray("members").stream()
            .map(m -> ((JsonObject) m).getString("phone"))
            .toList();
    assertEquals(List.of(stays.phone()), members);
    assertTrue(
        members.contains(after.getString("owner")), "owner " + after.getString("owner") + " left");
  }

  private static int leave(CountDownLatch go, String group, Users.Account who)
      throws InterruptedException {
    go.await();
    return http.delete("/api/groups/" + group + "/members/" + who.phone(), who.accessToken())
        .status();
  }
}
