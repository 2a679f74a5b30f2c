package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract 5.1 with the account of issue 15: one user with 1,000 contacts (so 1,000 direct
 * conversations) who owns three groups of 500 members. Before the fix the list asked for 1,001
 * profiles at once and failed, and with it every session.ready. A server of its own with the
 * cheapest bcrypt cost, since the test registers a thousand users; the accepts run in parallel, so
 * many conversations share a millisecond and page boundaries fall inside such ties.
 */
class BigAccountTest {
  private static final int CONTACTS = 1000;
  private static final int GROUP_SIZE = 500;

  /** The server's bound on pinned conversations per user (chat-service's ConversationSettings). */
  private static final int PINNED_BOUND = 100;

  private static AllInOne system;
  private static Http http;
  private static Users.Account big;
  private static final List<Users.Account> contacts = new ArrayList<>();
  private static final List<String> groupIds = new ArrayList<>();

  @BeforeAll
  static void seed() throws Exception {
    system = TestSystem.startOwn("big-account", Map.of("WEILIAO_BCRYPT_COST", "4"));
    http = new Http(system.port());
    big = Users.register(http, TestSystem.newPhone(), "Big");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      contacts.addAll(
          inParallel(
              pool, CONTACTS, i -> Users.register(http, TestSystem.newPhone(), "Member " + i)));
      inParallel(pool, CONTACTS, i -> Friends.make(http, contacts.get(i), big));
    } finally {
      pool.shutdownNow();
    }
    for (int g = 0; g < 3; g++) {
      JsonArray members = new JsonArray();
      for (int i = 0; i < GROUP_SIZE - 1; i++) {
        members.add(contacts.get((g * 250 + i) % CONTACTS).phone());
      }
      Http.Response created =
          http.post(
              "/api/groups",
              new JsonObject().put("name", "Big " + g).put("members", members),
              big.accessToken());
      assertEquals(201, created.status(), created.text());
      groupIds.add(created.json().getJsonObject("group").getString("id"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void sessionReadyArrivesWithTheNewestPageOfGroupSummaries() {
    long started = System.nanoTime();
    try (WsClient socket = WsClient.connect(system.port(), big.accessToken())) {
      JsonObject ready = socket.next();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals("session.ready", ready.getString("type"), ready.encode());
      int bytes = ready.encode().getBytes(StandardCharsets.UTF_8).length;
      System.out.printf("BigAccountTest: session.ready of %d bytes after %d ms%n", bytes, millis);
      assertTrue(bytes < 1024 * 1024, "under the gateway's slow-consumer buffer: " + bytes);
      JsonObject payload = ready.getJsonObject("payload");
      JsonArray page = payload.getJsonArray("conversations");
      assertEquals(200, page.size());
      assertTrue(payload.getBoolean("hasMore"));
      assertNotNull(payload.getString("next"));
      for (int g = 0; g < 3; g++) {
        JsonObject group = find(page, "g_" + groupIds.get(g)).getJsonObject("group");
        assertEquals(GROUP_SIZE, group.getInteger("memberCount"));
        assertEquals(9, group.getJsonArray("members").size());
        assertEquals(
            big.phone(),
            group.getJsonArray("members").getJsonObject(0).getString("phone"),
            "the first member by join order is the creator");
      }
    }
  }

  @Test
  void pagingWalksEveryConversationExactlyOnceInOrder() {
    assertEquals(CONTACTS + 3, walk(null).size());
    assertEquals(CONTACTS + 3, walk(7).size(), "small pages cut through ties too");
  }

  @Test
  void aGroupStillShowsEveryMember() {
    Http.Response group = http.get("/api/groups/" + groupIds.get(0), big.accessToken());
    assertEquals(200, group.status(), group.text());
    assertEquals(GROUP_SIZE, group.json().getJsonArray("members").size());
    assertEquals(GROUP_SIZE, group.json().getInteger("memberCount"));
  }

  @Test
  void aMemberOfTheBigGroupsListsThemToo() {
    Users.Account member = contacts.get(260);
    Http.Response list = http.get("/api/conversations", member.accessToken());
    assertEquals(200, list.status(), list.text());
    assertFalse(list.json().getBoolean("hasMore"));
    assertFalse(list.json().containsKey("next"));
  }

  /**
   * Contract 5.2 on the big account: a hundred pinned conversations (the bound) lead session.ready
   * and every walk, whatever the page size, and a hundred and first pin is refused.
   */
  @Test
  void pinnedConversationsLeadEveryWalkAndTheirNumberIsBounded() {
    List<String> pinned = new ArrayList<>();
    for (int i = 0; i < PINNED_BOUND; i++) {
      pinned.add(Friends.directId(contacts.get(i * 10).phone(), big.phone()));
    }
    try {
      pinned.forEach(id -> assertEquals(200, pin(id, true).status()));
      Http.Response refused = pin(Friends.directId(contacts.get(5).phone(), big.phone()), true);
      assertEquals(400, refused.status(), refused.text());
      assertEquals("INVALID_ARGUMENT", refused.errorCode());
      assertEquals(200, pin(pinned.get(0), true).status(), "pinning a pinned one again is fine");
      for (Integer limit : new Integer[] {null, 7}) {
        List<String> walked = walk(limit);
        assertEquals(CONTACTS + 3, walked.size());
        assertEquals(
            new HashSet<>(pinned),
            new HashSet<>(walked.subList(0, PINNED_BOUND)),
            "limit " + limit);
      }
      try (WsClient socket = WsClient.connect(system.port(), big.accessToken())) {
        JsonArray page = socket.next().getJsonObject("payload").getJsonArray("conversations");
        assertTrue(
            page.stream().limit(PINNED_BOUND).allMatch(c -> ((JsonObject) c).getBoolean("pinned")));
      }
    } finally {
      pinned.forEach(id -> pin(id, false));
    }
  }

  private static Http.Response pin(String conversation, boolean pinned) {
    return http.patch(
        "/api/conversations/" + conversation,
        new JsonObject().put("pinned", pinned),
        big.accessToken());
  }

  /**
   * Every conversation id of the big user's list, walked page by page; asserts the order and no
   * repeat.
   */
  private static List<String> walk(Integer limit) {
    List<String> seen = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    JsonObject previous = null;
    String next = null;
    do {
      String query =
          (next == null ? "" : "before=" + next) + (limit == null ? "" : "&limit=" + limit);
      Http.Response response = http.get("/api/conversations?" + query, big.accessToken());
      assertEquals(200, response.status(), response.text());
      JsonArray page = response.json().getJsonArray("conversations");
      assertTrue(page.size() <= (limit == null ? 200 : limit));
      for (int i = 0; i < page.size(); i++) {
        JsonObject conversation = page.getJsonObject(i);
        assertTrue(
            unique.add(conversation.getString("id")), "repeated " + conversation.getString("id"));
        if (previous != null) {
          assertTrue(
              comesBefore(previous, conversation),
              previous.encode() + " then " + conversation.encode());
        }
        seen.add(conversation.getString("id"));
        previous = conversation;
      }
      next = response.json().getBoolean("hasMore") ? response.json().getString("next") : null;
    } while (next != null);
    return seen;
  }

  /** Pinned ones first, then newest updatedAt, then the higher id. */
  private static boolean comesBefore(JsonObject a, JsonObject b) {
    if (a.getBoolean("pinned") != b.getBoolean("pinned")) {
      return a.getBoolean("pinned");
    }
    int byTime = Long.compare(b.getLong("updatedAt"), a.getLong("updatedAt"));
    return byTime != 0 ? byTime < 0 : a.getString("id").compareTo(b.getString("id")) > 0;
  }

  private static JsonObject find(JsonArray page, String id) {
    return page.stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not on the first page"));
  }

  private static <T> List<T> inParallel(ExecutorService pool, int count, IntFunction<T> task)
      throws Exception {
    List<Future<T>> running = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      running.add(pool.submit(() -> task.apply(index)));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> done : running) {
      results.add(done.get(120, TimeUnit.SECONDS));
    }
    return results;
  }
}
