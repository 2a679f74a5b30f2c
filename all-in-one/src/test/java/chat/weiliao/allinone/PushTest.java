package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Web Push (contract 1.1 §5.4) against a push service on 127.0.0.1 that checks VAPID and decrypts
 * each push ({@link TestPushService}). Only this server allows that origin (WEILIAO_PUSH_ORIGINS).
 * "Got none" is shown by order: a user's pushes go out in order, oldest subscription first, so a
 * push that should not have happened would arrive before the one that should.
 */
class PushTest {
  private static TestPushService pushService;
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    pushService = TestPushService.start();
    system =
        TestSystem.startOwn(
            "push",
            Map.of("WEILIAO_PUSH_ORIGINS", pushService.origin(), "WEILIAO_PUSH_RETRY_MS", "100"));
    http = new Http(system.port());
    Http.Response key = http.get("/api/push/key", Users.register(http).accessToken());
    assertEquals(200, key.status(), key.text());
    pushService.trust(key.json().getString("vapidPublicKey"));
  }

  @AfterEach
  void everyRequestPassedTheChecks() {
    assertEquals(java.util.List.of(), pushService.problems());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
    pushService.close();
  }

  @Test
  void anOfflineRecipientGetsOnePushPerMessageWithTheSendersNameAndTheText() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      JsonObject first = Friends.send(alice, pair.conversation(), "你好 Bob");
      JsonObject second = Friends.send(alice, pair.conversation(), "x".repeat(150));

      TestPushService.Delivery push = bobsBrowser.next();
      assertEquals(
          new JsonObject()
              .put("type", "message.new")
              .put("conversationId", pair.conversation())
              .put("seq", first.getLong("seq"))
              .put("title", pair.alice().user().getString("nickname"))
              .put("body", "你好 Bob"),
          push.payload());
      assertEquals(pair.conversation(), push.topic());
      assertEquals("high", push.urgency());
      assertEquals("86400", push.ttl());
      JsonObject next = bobsBrowser.next().payload();
      assertEquals(second.getLong("seq"), next.getLong("seq"));
      assertEquals("x".repeat(100), next.getString("body"));
    }
  }

  @Test
  void aGroupMessageIsTitledWithTheGroupsName() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, pair.alice(), carol);
    String group = group(pair.alice(), "周末爬山", pair.bob(), carol);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      Friends.send(alice, group, "出发");
      JsonObject push = bobsBrowser.next().payload();
      assertEquals("周末爬山", push.getString("title"));
      assertEquals("出发", push.getString("body"));
    }
  }

  /**
   * In a group with carol, who has no connection: the decision about a message pushes her and not
   * bob, whose connection is open. Her push shows that the decision was made while bob was still
   * connected (a conversation's messages are decided in order, after the ack), so closing bob's
   * connection only then cannot race it.
   */
  @Test
  void aRecipientWithAnOpenConnectionGetsNone() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, pair.alice(), carol);
    String group = group(pair.alice(), "山", pair.bob(), carol);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    TestPushService.Device carolsBrowser = subscribed(carol);
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      try (WsClient bob = Friends.ready(system.port(), pair.bob().accessToken())) {
        awaitPresence(alice, pair.bob(), true);
        JsonObject whileHere = Friends.send(alice, group, "while you are here");
        assertEquals(whileHere.getLong("seq"), carolsBrowser.next().payload().getLong("seq"));
      }
      awaitPresence(alice, pair.bob(), false);
      JsonObject afterwards = Friends.send(alice, group, "after you left");
      assertEquals(afterwards.getLong("seq"), bobsBrowser.next().payload().getLong("seq"));
    }
  }

  /** A group of the owner and the members, by its conversation id. */
  private String group(Users.Account owner, String name, Users.Account... members) {
    JsonArray phones = new JsonArray();
    for (Users.Account member : members) {
      phones.add(member.phone());
    }
    Http.Response created =
        http.post(
            "/api/groups",
            new JsonObject().put("name", name).put("members", phones),
            owner.accessToken());
    assertEquals(201, created.status(), created.text());
    return "g_" + created.json().getJsonObject("group").getString("id");
  }

  @Test
  void aMutedConversationIsNotPushed() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    String settings = "/api/conversations/" + pair.conversation();
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      assertEquals(
          200,
          http.patch(settings, new JsonObject().put("muted", true), pair.bob().accessToken())
              .status());
      Friends.send(alice, pair.conversation(), "muted");
      assertEquals(
          200,
          http.patch(settings, new JsonObject().put("muted", false), pair.bob().accessToken())
              .status());
      JsonObject unmuted = Friends.send(alice, pair.conversation(), "unmuted");
      assertEquals(unmuted.getLong("seq"), bobsBrowser.next().payload().getLong("seq"));
    }
  }

  @Test
  void aGoneSubscriptionIsDeletedAndNotPushedAgain() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device gone = subscribed(pair.bob());
    TestPushService.Device kept = subscribed(pair.bob());
    gone.answerNext(410);
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      Friends.send(alice, pair.conversation(), "one");
      assertEquals(410, gone.nextAttempt());
      kept.next();
    }
    assertOnlyOneIsPushed(pair, kept, gone);
  }

  @Test
  void aPushAnswered503IsTriedAgain() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    bobsBrowser.answerNext(503, 503);
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      JsonObject sent = Friends.send(alice, pair.conversation(), "again");
      assertEquals(503, bobsBrowser.nextAttempt());
      assertEquals(503, bobsBrowser.nextAttempt());
      assertEquals(201, bobsBrowser.nextAttempt());
      assertEquals(sent.getLong("seq"), bobsBrowser.next().payload().getLong("seq"));
    }
  }

  @Test
  void loggingOutRemovesThatLoginsSubscriptions() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device signedOut = subscribed(pair.bob());
    Users.Account bobElsewhere = Users.login(http, pair.bob().phone());
    TestPushService.Device stillIn = subscribed(bobElsewhere);
    assertEquals(204, http.post("/api/auth/logout", null, pair.bob().accessToken()).status());
    assertOnlyOneIsPushed(pair, stillIn, signedOut);
  }

  @Test
  void aCallToAnOfflineUserIsPushedAsItsInvite() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      JsonObject refused =
          alice.request(
              "invite-offer", new JsonObject().put("to", pair.bob().phone()).put("media", "video"));
      assertEquals("OFFLINE", Friends.errorCode(refused));
      JsonObject push = bobsBrowser.next().payload();
      assertEquals("invite-offer", push.getString("type"));
      assertEquals(pair.alice().phone(), push.getString("from"));
      assertEquals("video", push.getString("media"));
      assertEquals(pair.alice().user().getString("nickname"), push.getString("title"));
      assertTrue(push.getString("callId").length() > 0);
    }
  }

  @Test
  void anEndpointOutsideTheAllowedOriginsOrWithBadKeysIsRefused() throws Exception {
    Users.Account user = Users.register(http);
    JsonObject good = pushService.newDevice().subscription();
    for (String endpoint :
        new String[] {
          "https://fcm.googleapis.com/fcm/send/abc",
          "http://127.0.0.2:1/push/x",
          pushService.origin() + ".example.com/push/x",
          "http://user@" + pushService.origin().substring(7) + "/push/x",
          "not a url",
          "file:///etc/passwd"
        }) {
      Http.Response refused =
          http.post(
              "/api/push/subscriptions", good.copy().put("endpoint", endpoint), user.accessToken());
      assertEquals(400, refused.status(), endpoint + ": " + refused.text());
      assertEquals("INVALID_ARGUMENT", refused.errorCode());
    }
    JsonObject badKey =
        good.copy().put("keys", good.getJsonObject("keys").copy().put("p256dh", "AAAA"));
    assertEquals(400, http.post("/api/push/subscriptions", badKey, user.accessToken()).status());
    JsonObject badAuth =
        good.copy().put("keys", good.getJsonObject("keys").copy().put("auth", "AAAA"));
    assertEquals(400, http.post("/api/push/subscriptions", badAuth, user.accessToken()).status());
    assertEquals(
        400, http.post("/api/push/subscriptions", new JsonObject(), user.accessToken()).status());
    assertEquals(401, http.post("/api/push/subscriptions", good, null).status());
  }

  @Test
  void anUnsubscribedBrowserGetsNoMore() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device removed = subscribed(pair.bob());
    TestPushService.Device kept = subscribed(pair.bob());
    Http.Response deleted =
        http.send(
            http.builder("/api/push/subscriptions", pair.bob().accessToken())
                .method(
                    "DELETE",
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("endpoint", removed.endpoint()).encode())));
    assertEquals(204, deleted.status(), deleted.text());
    assertOnlyOneIsPushed(pair, kept, removed);
  }

  /**
   * Alice writes to Bob, who has the two subscriptions, {@code left} registered first: only {@code
   * pushed} gets it. Had {@code left} been pushed, it would have been first.
   */
  private static void assertOnlyOneIsPushed(
      Friends.Pair pair, TestPushService.Device pushed, TestPushService.Device left)
      throws Exception {
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      JsonObject sent = Friends.send(alice, pair.conversation(), "which of you?");
      assertEquals(sent.getLong("seq"), pushed.next().payload().getLong("seq"));
      assertEquals(0, left.attemptsLeft());
    }
  }

  /**
   * WEILIAO_PUSH_PER_USER_PER_MINUTE (30 by default): the 31st message of a minute reaches the push
   * service no more, and /metrics counts it in weiliao_push_capped as it counts the sent ones.
   */
  @Test
  void aUserIsPushedAtMostTheCapInAMinuteAndTheRestAreCounted() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    TestPushService.Device bobsBrowser = subscribed(pair.bob());
    double cappedBefore = metric("weiliao_push_capped_total");
    double sentBefore = metric("weiliao_push_sent_total");
    try (WsClient alice = Friends.ready(system.port(), pair.alice().accessToken())) {
      for (int i = 0; i < 31; i++) {
        Friends.send(alice, pair.conversation(), "message " + i);
      }
      for (int i = 0; i < 30; i++) {
        assertEquals("message " + i, bobsBrowser.next().payload().getString("body"));
      }
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (metric("weiliao_push_capped_total") < cappedBefore + 1
        && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(cappedBefore + 1, metric("weiliao_push_capped_total"), "the 31st is capped");
    assertEquals(30, bobsBrowser.attemptsLeft(), "and never reaches the push service");
    assertTrue(metric("weiliao_push_sent_total") >= sentBefore + 30);
  }

  /** A counter's value on /metrics (summed over its labels). */
  private static double metric(String name) {
    double sum = 0;
    for (String line : http.get("/metrics", null).text().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static TestPushService.Device subscribed(Users.Account account) throws Exception {
    TestPushService.Device device = pushService.newDevice();
    Http.Response registered =
        http.post("/api/push/subscriptions", device.subscription(), account.accessToken());
    assertEquals(201, registered.status(), registered.text());
    return device;
  }

  private static void awaitPresence(WsClient socket, Users.Account who, boolean online) {
    socket.await(
        frame ->
            "presence".equals(frame.getString("type"))
                && who.phone().equals(frame.getJsonObject("payload").getString("phone"))
                && frame.getJsonObject("payload").getBoolean("online") == online);
  }
}
