package chat.weiliao.allinone.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.allinone.Http;
import chat.weiliao.allinone.Users;
import chat.weiliao.allinone.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Failure drills against a real multi-process deployment: user, chat and signaling services and two
 * gateways, each its own JVM in one Hazelcast cluster. Calls relay across gateways through a
 * separate signaling process; a SIGKILLed gateway ends its calls within the contract's 5 seconds;
 * and a gateway killed while a client streams messages loses no acked message, duplicates none when
 * the client retries over another gateway, and keeps the conversation's seqs contiguous.
 *
 * <p>Each test uses fresh users and leaves both gateways running (a {@code @BeforeEach} relaunches
 * a gateway a failed test left dead), so the order below is for readability only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterDrillsTest {
  private static final String GATEWAY_1 = "gateway-1";
  private static final String GATEWAY_2 = "gateway-2";

  /** One frame each 20 ms: 50 a second, well under the 100 a connection may send in a second. */
  private static final long PACE_MILLIS = 20;

  private static ProcessCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster =
        ProcessCluster.builder()
            .node("user-service")
            .node("chat-service-1")
            .node("signaling-service")
            .node("moments-service")
            .node(GATEWAY_1)
            .node(GATEWAY_2)
            .env("WEILIAO_STUN_URLS", "stun:127.0.0.1:3478")
            .env("WEILIAO_TURN_URLS", "turn:127.0.0.1:3478?transport=udp")
            .env("WEILIAO_TURN_SECRET", "drill-turn-secret")
            .build()
            .start();
    cluster.awaitHealthy(GATEWAY_1);
    cluster.awaitHealthy(GATEWAY_2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A test that failed half way may have left a gateway dead; later tests need both. */
  @BeforeEach
  void bothGatewaysServe() {
    for (String gateway : List.of(GATEWAY_1, GATEWAY_2)) {
      if (!cluster.isAlive(gateway)) {
        cluster.launch(gateway);
      }
      cluster.awaitHealthy(gateway);
    }
  }

  @Test
  @Order(1)
  void callsAcrossGateways() {
    Http http = cluster.http(GATEWAY_1);
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(cluster.http(GATEWAY_2));
    Users.Account eve = Users.register(http);
    String conversation = contacts(http, alice, bob);

    try (WsClient a = ready(GATEWAY_1, alice);
        WsClient b = ready(GATEWAY_2, bob);
        WsClient e = ready(GATEWAY_2, eve)) {
      awaitOnline(a, bob);

      JsonObject offered =
          ack(
              a.request(
                  "invite-offer", new JsonObject().put("to", bob.phone()).put("media", "video")));
      String callId = offered.getString("callId");
      assertNotNull(callId, offered.encode());
      assertTrue(callId.matches("^[0-9a-f]{32}$"), callId);
      assertIceServers(offered.getJsonArray("iceServers"), alice);

      JsonObject ring = b.awaitType("invite-offer").getJsonObject("payload");
      assertEquals(callId, ring.getString("callId"), ring.encode());
      assertEquals(alice.phone(), ring.getString("from"), ring.encode());
      assertEquals("video", ring.getString("media"), ring.encode());
      assertIceServers(ring.getJsonArray("iceServers"), bob);

      ack(b.request("invite-accept", new JsonObject().put("callId", callId)));
      JsonObject accepted = a.awaitType("invite-accept").getJsonObject("payload");
      assertEquals(callId, accepted.getString("callId"), accepted.encode());
      assertEquals(bob.phone(), accepted.getString("from"), accepted.encode());

      // A client-supplied "from" is overwritten by the server.
      ack(
          a.request(
              "video-offer",
              new JsonObject()
                  .put("callId", callId)
                  .put("sdp", "v=0 offer")
                  .put("from", eve.phone())));
      JsonObject offer = b.awaitType("video-offer").getJsonObject("payload");
      assertEquals("v=0 offer", offer.getString("sdp"), offer.encode());
      assertEquals(
          alice.phone(), offer.getString("from"), "the server sets from: " + offer.encode());
      assertEquals(callId, offer.getString("callId"));

      ack(
          b.request(
              "video-answer", new JsonObject().put("callId", callId).put("sdp", "v=0 answer")));
      JsonObject answer = a.awaitType("video-answer").getJsonObject("payload");
      assertEquals("v=0 answer", answer.getString("sdp"), answer.encode());
      assertEquals(bob.phone(), answer.getString("from"), answer.encode());

      JsonObject candidate =
          new JsonObject()
              .put("candidate", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host")
              .put("sdpMid", "0")
              .put("sdpMLineIndex", 0);
      ack(
          a.request(
              "new-ice-candidate",
              new JsonObject().put("callId", callId).put("candidate", candidate)));
      JsonObject toBob = b.awaitType("new-ice-candidate").getJsonObject("payload");
      assertEquals(candidate, toBob.getJsonObject("candidate"), toBob.encode());
      assertEquals(alice.phone(), toBob.getString("from"), toBob.encode());
      ack(
          b.request(
              "new-ice-candidate",
              new JsonObject()
                  .put("callId", callId)
                  .put("candidate", candidate)
                  .put("from", alice.phone())));
      JsonObject toAlice = a.awaitType("new-ice-candidate").getJsonObject("payload");
      assertEquals(candidate, toAlice.getJsonObject("candidate"), toAlice.encode());
      assertEquals(bob.phone(), toAlice.getString("from"), toAlice.encode());

      // A stranger (not a party, not even a contact) may not relay into the call, nor end it.
      assertEquals(
          "FORBIDDEN",
          errorCode(
              e.request(
                  "new-ice-candidate",
                  new JsonObject().put("callId", callId).put("candidate", candidate))));
      assertEquals(
          "FORBIDDEN",
          errorCode(
              e.request(
                  "video-offer",
                  new JsonObject().put("callId", callId).put("sdp", "v=0 intruder"))));
      assertEquals(
          "FORBIDDEN", errorCode(e.request("hang-up", new JsonObject().put("callId", callId))));
      assertEquals(
          "FORBIDDEN",
          errorCode(
              e.request(
                  "invite-offer",
                  new JsonObject().put("to", alice.phone()).put("media", "audio"))));

      ack(a.request("hang-up", new JsonObject().put("callId", callId)));
      JsonObject hungUp = b.awaitType("hang-up").getJsonObject("payload");
      assertEquals(callId, hungUp.getString("callId"), hungUp.encode());
      assertEquals(alice.phone(), hungUp.getString("from"), hungUp.encode());

      JsonObject atAlice = awaitCallRecord(a, callId);
      JsonObject atBob = awaitCallRecord(b, callId);
      assertEquals(atAlice.getString("id"), atBob.getString("id"), "one record, delivered to both");
      assertEquals(
          "completed", atAlice.getJsonObject("content").getString("result"), atAlice.encode());
      assertEquals("video", atAlice.getJsonObject("content").getString("media"), atAlice.encode());
      assertTrue(atAlice.getJsonObject("content").getLong("duration") >= 0, atAlice.encode());
      assertEquals(conversation, atAlice.getString("conversationId"));

      List<JsonObject> records = callRecords(http, alice, conversation, callId);
      assertEquals(1, records.size(), "exactly one call record in history: " + records);
      assertEquals(atAlice.getString("id"), records.get(0).getString("id"));
      assertEquals(atAlice.getLong("seq"), records.get(0).getLong("seq"));
      assertEquals(
          records,
          callRecords(cluster.http(GATEWAY_2), bob, conversation, callId),
          "bob reads the same record through the other gateway");

      assertEquals(
          "NOT_FOUND",
          errorCode(a.request("hang-up", new JsonObject().put("callId", callId))),
          "the call is over");
    }
  }

  @Test
  @Order(2)
  void aKilledGatewayEndsItsCallsWithin5Seconds() {
    Http http = cluster.http(GATEWAY_1);
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = contacts(http, alice, bob);

    try (WsClient a = ready(GATEWAY_1, alice);
        WsClient b = ready(GATEWAY_2, bob)) {
      awaitOnline(a, bob);
      String callId =
          ack(a.request(
                  "invite-offer", new JsonObject().put("to", bob.phone()).put("media", "audio")))
              .getString("callId");
      assertEquals(
          callId, b.awaitType("invite-offer").getJsonObject("payload").getString("callId"));
      ack(b.request("invite-accept", new JsonObject().put("callId", callId)));
      assertEquals(
          callId, a.awaitType("invite-accept").getJsonObject("payload").getString("callId"));

      long killedAt = System.nanoTime();
      cluster.kill(GATEWAY_2);
      JsonObject ended =
          a.await(frame -> "call-ended".equals(frame.getString("type"))).getJsonObject("payload");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      System.out.printf("[drill] call-ended after SIGKILL of %s: %d ms%n", GATEWAY_2, millis);
      assertEquals(callId, ended.getString("callId"), ended.encode());
      assertEquals("disconnected", ended.getString("reason"), ended.encode());
      assertTrue(
          millis < 5000, "call-ended " + millis + " ms after the SIGKILL; the contract allows 5 s");
      b.awaitClose(10);

      JsonObject live = awaitCallRecord(a, callId);
      assertEquals("completed", live.getJsonObject("content").getString("result"), live.encode());
      assertEquals("audio", live.getJsonObject("content").getString("media"), live.encode());
      // No second end or record trails the first (say, from both the sweep and the close path).
      a.assertNone(
          frame -> "call-ended".equals(frame.getString("type")) || isCallRecord(frame, callId),
          1500);
      List<JsonObject> records = callRecords(http, alice, conversation, callId);
      assertEquals(1, records.size(), "exactly one call record in history: " + records);
      assertEquals(live.getString("id"), records.get(0).getString("id"));
      assertEquals("completed", records.get(0).getJsonObject("content").getString("result"));
      assertEquals(
          "NOT_FOUND",
          errorCode(a.request("hang-up", new JsonObject().put("callId", callId))),
          "the call is over");
      awaitContactOffline(http, alice, bob, killedAt);
    } finally {
      cluster.restart(GATEWAY_2);
      cluster.awaitHealthy(GATEWAY_2);
    }

    // The restarted gateway serves again, and the two are free to call each other anew.
    try (WsClient a = ready(GATEWAY_1, alice);
        WsClient b = ready(GATEWAY_2, bob)) {
      awaitOnline(a, bob);
      String again =
          ack(a.request(
                  "invite-offer", new JsonObject().put("to", bob.phone()).put("media", "audio")))
              .getString("callId");
      assertEquals(again, b.awaitType("invite-offer").getJsonObject("payload").getString("callId"));
      ack(a.request("invite-cancel", new JsonObject().put("callId", again)));
      assertEquals(
          again, b.awaitType("invite-cancel").getJsonObject("payload").getString("callId"));
    }
  }

  @Test
  @Order(3)
  void aGatewayKilledMidStreamLosesNoAckedMessage() throws Exception {
    Http http = cluster.http(GATEWAY_2);
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = contacts(http, alice, bob);

    List<String> sent = new ArrayList<>();
    Map<String, Long> acked = new LinkedHashMap<>();
    List<JsonObject> refused = new ArrayList<>();
    WsClient first = ready(GATEWAY_1, alice);
    CompletableFuture<Void> killed;
    int sentAtKill;
    long closedAfterMillis;
    try {
      int next = 0;
      while (acked.size() < 40) {
        send(first, conversation, "pre-" + next++, sent);
        pace();
        drainAcks(first, acked, refused);
        assertTrue(refused.isEmpty(), "refused before the kill: " + refused);
        assertTrue(
            sent.size() < 400, "acks are not coming: " + acked.size() + " of " + sent.size());
      }
      // A short burst (still far under 100 frames in any second) so that several sends are
      // surely in flight when the process dies; the stream then goes on through the kill.
      for (int i = 0; i < 5; i++) {
        send(first, conversation, "pre-" + next++, sent);
      }
      sentAtKill = sent.size();
      long killedAt = System.nanoTime();
      killed = CompletableFuture.runAsync(() -> cluster.kill(GATEWAY_1));
      long streamDeadline = System.currentTimeMillis() + 15_000;
      while (!first.isClosed() && System.currentTimeMillis() < streamDeadline) {
        pace();
        send(first, conversation, "pre-" + next++, sent);
      }
      killed.get(30, TimeUnit.SECONDS);
      first.awaitClose(10);
      closedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      drainAcks(first, acked, refused);
    } finally {
      first.close();
    }
    assertTrue(refused.isEmpty(), "sends refused on the first connection: " + refused);
    List<String> unacked = sent.stream().filter(id -> !acked.containsKey(id)).toList();
    System.out.printf(
        "[drill] %s SIGKILLed after %d sends; its socket closed %d ms later, after %d sends; "
            + "%d acked, %d unacked%n",
        GATEWAY_1, sentAtKill, closedAfterMillis, sent.size(), acked.size(), unacked.size());
    assertFalse(unacked.isEmpty(), "sends were in flight at the kill");
    assertEquals(
        sent.subList(0, acked.size()),
        List.copyOf(acked.keySet()),
        "acks of one connection arrive in send order");
    assertContiguous(List.copyOf(acked.values()), 2); // seq 1 is the "now contacts" message

    // A client's reconnect: another gateway, the unacked sends again with the same clientMsgId,
    // then new ones.
    Map<String, Long> retried = new LinkedHashMap<>();
    Map<String, Long> after = new LinkedHashMap<>();
    List<String> more = new ArrayList<>();
    long reconnectedAt = System.currentTimeMillis();
    // A cautious client also repeats its last few acked sends; they must come back unchanged.
    List<String> repeats = List.copyOf(acked.keySet()).subList(acked.size() - 3, acked.size());
    try (WsClient second = ready(GATEWAY_2, alice)) {
      for (String clientMsgId : repeats) {
        second.send(sendFrame(conversation, clientMsgId));
        pace();
      }
      for (String clientMsgId : unacked) {
        second.send(sendFrame(conversation, clientMsgId));
        pace();
      }
      for (int i = 0; i < 20; i++) {
        send(second, conversation, "post-" + i, more);
        pace();
      }
      List<JsonObject> failures = new ArrayList<>();
      Map<String, Long> all = new LinkedHashMap<>();
      int storedBeforeReconnect = 0;
      while (all.size() + failures.size() < repeats.size() + unacked.size() + more.size()) {
        JsonObject frame =
            second.await(
                f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")));
        collect(frame, all, failures);
        if ("ack".equals(frame.getString("type"))
            && frame.getJsonObject("payload").getJsonObject("message").getLong("createdAt")
                < reconnectedAt) {
          storedBeforeReconnect++; // a repeat, acked with the original
        }
      }
      System.out.printf(
          "[drill] %d of the %d unacked retries had been stored before the reconnect; repeats, retries "
              + "and 20 new sends acked through %s in %d ms%n",
          storedBeforeReconnect - repeats.size(),
          unacked.size(),
          GATEWAY_2,
          System.currentTimeMillis() - reconnectedAt);
      assertTrue(failures.isEmpty(), "retries and new sends refused: " + failures);
      repeats.forEach(
          id ->
              assertEquals(
                  acked.get(id), all.get(id), "a repeat of acked " + id + " gets its seq"));
      unacked.forEach(id -> retried.put(id, all.get(id)));
      more.forEach(id -> after.put(id, all.get(id)));
      assertFalse(retried.containsValue(null), "every retry acked: " + retried);
      assertFalse(after.containsValue(null), "every new send acked: " + after);
    }
    List<String> everySend = new ArrayList<>(sent);
    everySend.addAll(more);
    assertContiguous(
        everySend.stream()
            .map(
                id ->
                    acked.containsKey(id)
                        ? acked.get(id)
                        : retried.containsKey(id) ? retried.get(id) : after.get(id))
            .toList(),
        2);

    cluster.launch(GATEWAY_1);
    cluster.awaitHealthy(GATEWAY_1);
    try (WsClient b = WsClient.connect(cluster.httpPort(GATEWAY_1), bob.accessToken())) {
      JsonObject ready = b.next();
      assertEquals("session.ready", ready.getString("type"), ready.encode());
      JsonObject summary =
          ready.getJsonObject("payload").getJsonArray("conversations").stream()
              .map(JsonObject.class::cast)
              .filter(c -> conversation.equals(c.getString("id")))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no " + conversation + " in " + ready.encode()));
      long readSeq = summary.getLong("readSeq");
      long lastSeq =
          1 + everySend.size(); // the "now contacts" system message, then one per clientMsgId
      assertEquals(lastSeq, summary.getLong("lastSeq"), summary.encode());
      assertTrue(readSeq <= 1, "bob read nothing of alice's: " + summary.encode());
      assertEquals(lastSeq - readSeq, summary.getLong("unread"), summary.encode());

      List<JsonObject> history = new ArrayList<>();
      long cursor = readSeq;
      boolean hasMore = true;
      while (hasMore) {
        JsonObject page =
            ack(
                b.request(
                    "history",
                    new JsonObject()
                        .put("conversationId", conversation)
                        .put("after", cursor)
                        .put("limit", 100)));
        JsonArray messages = page.getJsonArray("messages");
        assertTrue(messages.size() <= 100, "a page holds at most limit messages");
        messages.forEach(message -> history.add((JsonObject) message));
        hasMore = page.getBoolean("hasMore");
        if (hasMore) {
          assertFalse(messages.isEmpty(), "hasMore with an empty page: " + page.encode());
        }
        if (!messages.isEmpty()) {
          cursor = messages.getJsonObject(messages.size() - 1).getLong("seq");
        }
      }
      assertContiguous(history.stream().map(m -> m.getLong("seq")).toList(), readSeq + 1);
      assertEquals(
          lastSeq, history.get(history.size() - 1).getLong("seq"), "history reaches lastSeq");

      List<JsonObject> fromAlice =
          history.stream().filter(m -> alice.phone().equals(m.getString("from"))).toList();
      List<String> order = fromAlice.stream().map(m -> m.getString("clientMsgId")).toList();
      assertEquals(order.size(), new HashSet<>(order).size(), "no clientMsgId twice in history");
      assertEquals(everySend, order, "every send exactly once, in send order");
      Map<String, Long> seqOf =
          fromAlice.stream()
              .collect(Collectors.toMap(m -> m.getString("clientMsgId"), m -> m.getLong("seq")));
      acked.forEach(
          (id, seq) -> assertEquals(seq, seqOf.get(id), "acked " + id + " keeps its seq"));
      retried.forEach(
          (id, seq) ->
              assertEquals(seq, seqOf.get(id), "retried " + id + " is acked with its stored seq"));
      after.forEach((id, seq) -> assertEquals(seq, seqOf.get(id), id));
      for (JsonObject message : fromAlice) {
        assertEquals("text", message.getString("kind"), message.encode());
        assertEquals(
            message.getString("clientMsgId"), message.getJsonObject("content").getString("text"));
      }
    }
  }

  @Test
  @Order(4)
  void aGatewayStoppedWithSigtermClosesItsSocketsWith1001() {
    Http http = cluster.http(GATEWAY_1);
    Users.Account alice = Users.register(http);
    try (WsClient socket = ready(GATEWAY_2, alice)) {
      cluster.terminate(GATEWAY_2);
      assertEquals(1001, socket.awaitClose(15), "going away: the client reconnects elsewhere");
    } finally {
      cluster.restart(GATEWAY_2);
      cluster.awaitHealthy(GATEWAY_2);
    }
  }

  // ---- helpers ----

  /**
   * A user whose gateway died without a goodbye stops counting as online once that node's heartbeat
   * key expires (3 s): presence heals itself, nobody stays online forever.
   */
  private static void awaitContactOffline(
      Http http, Users.Account viewer, Users.Account contact, long since) {
    long deadline = System.currentTimeMillis() + 10_000;
    boolean online = true;
    while (online && System.currentTimeMillis() < deadline) {
      JsonArray contacts =
          http.get("/api/contacts", viewer.accessToken()).json().getJsonArray("contacts");
      online =
          contacts.stream()
              .map(c -> (JsonObject) c)
              .anyMatch(
                  c -> contact.phone().equals(c.getString("phone")) && c.getBoolean("online"));
    }
    System.out.printf(
        "[drill] presence offline after SIGKILL: %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
    assertTrue(!online, "still online 10 s after its gateway died");
  }

  private static WsClient ready(String gateway, Users.Account account) {
    WsClient socket = WsClient.connect(cluster.httpPort(gateway), account.accessToken());
    JsonObject first = socket.next();
    assertEquals("session.ready", first.getString("type"), first.encode());
    return socket;
  }

  /** a asks b through the HTTP API, b accepts; returns their direct conversation id. */
  private static String contacts(Http http, Users.Account a, Users.Account b) {
    Http.Response request =
        http.post("/api/contacts/requests", new JsonObject().put("to", b.phone()), a.accessToken());
    assertEquals(201, request.status(), request.text());
    Http.Response accept =
        http.post(
            "/api/contacts/requests/" + request.json().getString("id") + "/accept",
            null,
            b.accessToken());
    assertEquals(200, accept.status(), accept.text());
    return a.phone().compareTo(b.phone()) < 0
        ? "d_" + a.phone() + "_" + b.phone()
        : "d_" + b.phone() + "_" + a.phone();
  }

  /**
   * Waits until the contact's presence reaches this socket: their connection is then recorded, so
   * an invite cannot race it and come back OFFLINE.
   */
  private static void awaitOnline(WsClient socket, Users.Account contact) {
    socket.await(
        frame ->
            "presence".equals(frame.getString("type"))
                && contact.phone().equals(frame.getJsonObject("payload").getString("phone"))
                && Boolean.TRUE.equals(frame.getJsonObject("payload").getBoolean("online")));
  }

  private static void assertIceServers(JsonArray servers, Users.Account account) {
    assertNotNull(servers, "iceServers");
    assertEquals(2, servers.size(), servers.encode());
    assertEquals("stun:127.0.0.1:3478", servers.getJsonObject(0).getJsonArray("urls").getString(0));
    String username = servers.getJsonObject(1).getString("username");
    assertTrue(username != null && username.endsWith(":" + account.phone()), servers.encode());
    assertNotNull(servers.getJsonObject(1).getString("credential"), servers.encode());
  }

  private static boolean isCallRecord(JsonObject frame, String callId) {
    if (!"message.new".equals(frame.getString("type"))) {
      return false;
    }
    JsonObject message = frame.getJsonObject("payload").getJsonObject("message");
    return "call".equals(message.getString("kind"))
        && callId.equals(message.getJsonObject("content").getString("callId"));
  }

  private static JsonObject awaitCallRecord(WsClient socket, String callId) {
    return socket
        .await(frame -> isCallRecord(frame, callId))
        .getJsonObject("payload")
        .getJsonObject("message");
  }

  /** The call records of this call in the conversation's newest page. */
  private static List<JsonObject> callRecords(
      Http http, Users.Account account, String conversation, String callId) {
    Http.Response page =
        http.get(
            "/api/conversations/" + conversation + "/messages?limit=100", account.accessToken());
    assertEquals(200, page.status(), page.text());
    return page.json().getJsonArray("messages").stream()
        .map(JsonObject.class::cast)
        .filter(
            m ->
                "call".equals(m.getString("kind"))
                    && callId.equals(m.getJsonObject("content").getString("callId")))
        .toList();
  }

  private static JsonObject sendFrame(String conversation, String clientMsgId) {
    return new JsonObject()
        .put("type", "message.send")
        .put("id", clientMsgId)
        .put(
            "payload",
            new JsonObject()
                .put("conversationId", conversation)
                .put("clientMsgId", clientMsgId)
                .put("kind", "text")
                .put("content", new JsonObject().put("text", clientMsgId)));
  }

  /** Sends a new message (frame id = clientMsgId, unique per run) and records it as sent. */
  private static void send(WsClient socket, String conversation, String label, List<String> sent) {
    String clientMsgId = label + "-" + UUID.randomUUID().toString().substring(0, 8);
    sent.add(clientMsgId);
    socket.send(sendFrame(conversation, clientMsgId));
  }

  /** Takes every frame already received: acks into {@code acked}, errors into {@code refused}. */
  private static void drainAcks(
      WsClient socket, Map<String, Long> acked, List<JsonObject> refused) {
    while (socket.pending() > 0) {
      collect(socket.next(), acked, refused);
    }
  }

  private static void collect(JsonObject frame, Map<String, Long> acked, List<JsonObject> refused) {
    if ("ack".equals(frame.getString("type"))) {
      JsonObject message = frame.getJsonObject("payload").getJsonObject("message");
      assertEquals(frame.getString("id"), message.getString("clientMsgId"), frame.encode());
      assertEquals(
          null,
          acked.put(message.getString("clientMsgId"), message.getLong("seq")),
          "acked twice on one connection: " + frame.encode());
    } else if ("error".equals(frame.getString("type"))) {
      refused.add(frame);
    }
  }

  private static void assertContiguous(List<Long> seqs, long first) {
    for (int i = 0; i < seqs.size(); i++) {
      assertEquals(first + i, seqs.get(i), "seq #" + i + " of " + seqs);
    }
  }

  private static void pace() {
    try {
      Thread.sleep(PACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static JsonObject ack(JsonObject frame) {
    assertEquals("ack", frame.getString("type"), frame.encode());
    return frame.getJsonObject("payload");
  }

  private static String errorCode(JsonObject frame) {
    assertEquals("error", frame.getString("type"), frame.encode());
    return frame.getJsonObject("payload").getString("code");
  }
}
