package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CallsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void ringAnswerOnOneOfTwoDevicesSignalAndHangUp() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account eve = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b1 = Friends.ready(system.port(), bob.accessToken());
        WsClient b2 = Friends.ready(system.port(), bob.accessToken());
        WsClient e = Friends.ready(system.port(), eve.accessToken())) {
      JsonObject ack =
          ack(
              a.request(
                  "invite-offer", new JsonObject().put("to", bob.phone()).put("media", "video")));
      String callId = ack.getString("callId");
      assertTrue(callId.matches("^[0-9a-f]{32}$"));
      assertTrue(ack.getJsonArray("iceServers").size() > 0);
      for (WsClient device : new WsClient[] {b1, b2}) {
        JsonObject ring = device.awaitType("invite-offer").getJsonObject("payload");
        assertEquals(callId, ring.getString("callId"));
        assertEquals(alice.phone(), ring.getString("from"));
        assertEquals("video", ring.getString("media"));
        assertTrue(
            ring.getJsonArray("iceServers")
                .getJsonObject(1)
                .getString("username")
                .endsWith(":" + bob.phone()));
      }

      ack(b2.request("invite-accept", new JsonObject().put("callId", callId)));
      assertEquals(
          bob.phone(), a.awaitType("invite-accept").getJsonObject("payload").getString("from"));
      JsonObject elsewhere = b1.awaitType("call-ended").getJsonObject("payload");
      assertEquals("answered-elsewhere", elsewhere.getString("reason"));
      assertEquals(
          "CONFLICT",
          Friends.errorCode(b1.request("invite-accept", new JsonObject().put("callId", callId))));

      ack(
          a.request(
              "video-offer",
              new JsonObject()
                  .put("callId", callId)
                  .put("sdp", "v=0 offer")
                  .put("from", eve.phone())));
      JsonObject offer = b2.awaitType("video-offer").getJsonObject("payload");
      assertEquals("v=0 offer", offer.getString("sdp"));
      assertEquals(alice.phone(), offer.getString("from"), "the server sets from");
      ack(
          b2.request(
              "video-answer", new JsonObject().put("callId", callId).put("sdp", "v=0 answer")));
      assertEquals(
          "v=0 answer", a.awaitType("video-answer").getJsonObject("payload").getString("sdp"));
      JsonObject candidate =
          new JsonObject()
              .put("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host")
              .put("sdpMid", "0")
              .put("sdpMLineIndex", 0);
      ack(
          a.request(
              "new-ice-candidate",
              new JsonObject().put("callId", callId).put("candidate", candidate)));
      assertEquals(
          candidate,
          b2.awaitType("new-ice-candidate").getJsonObject("payload").getJsonObject("candidate"));
      ack(
          b2.request(
              "new-ice-candidate",
              new JsonObject().put("callId", callId).put("candidate", candidate)));
      assertEquals(
          bob.phone(), a.awaitType("new-ice-candidate").getJsonObject("payload").getString("from"));

      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              b1.request(
                  "video-answer",
                  new JsonObject().put("callId", callId).put("sdp", "other device"))));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              e.request(
                  "new-ice-candidate",
                  new JsonObject().put("callId", callId).put("candidate", candidate))));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(e.request("hang-up", new JsonObject().put("callId", callId))));

      ack(a.request("hang-up", new JsonObject().put("callId", callId)));
      assertEquals(
          alice.phone(), b2.awaitType("hang-up").getJsonObject("payload").getString("from"));
      JsonObject record = callRecord(b2, callId);
      assertEquals("completed", record.getJsonObject("content").getString("result"));
      assertEquals("video", record.getJsonObject("content").getString("media"));
      assertTrue(record.getJsonObject("content").getLong("duration") >= 0);
      assertEquals(alice.phone(), record.getString("from"));
      assertEquals(record.getString("id"), callRecord(a, callId).getString("id"));
      assertEquals(
          1,
          http
              .get("/api/conversations/" + conversation + "/messages", alice.accessToken())
              .json()
              .getJsonArray("messages")
              .stream()
              .filter(m -> "call".equals(((JsonObject) m).getString("kind")))
              .count());
      assertEquals(
          "NOT_FOUND",
          Friends.errorCode(a.request("hang-up", new JsonObject().put("callId", callId))));
    }
  }

  @Test
  void invitesAreRefusedForStrangersOfflineAndBusyUsers() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    Users.Account stranger = Users.register(http);
    Friends.make(http, alice, bob);
    Friends.make(http, carol, bob);
    Friends.make(http, alice, carol);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient c = Friends.ready(system.port(), carol.accessToken())) {
      assertEquals("OFFLINE", Friends.errorCode(a.request("invite-offer", invite(bob, "audio"))));
      assertEquals(
          "FORBIDDEN", Friends.errorCode(a.request("invite-offer", invite(stranger, "audio"))));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.errorCode(a.request("invite-offer", invite(bob, "hologram"))));
      assertEquals(
          "INVALID_ARGUMENT", Friends.errorCode(a.request("invite-offer", invite(alice, "audio"))));
      try (WsClient b = Friends.ready(system.port(), bob.accessToken())) {
        String callId = ack(a.request("invite-offer", invite(bob, "audio"))).getString("callId");
        assertEquals(
            "BUSY",
            Friends.errorCode(c.request("invite-offer", invite(bob, "audio"))),
            "callee is ringing");
        assertEquals(
            "BUSY",
            Friends.errorCode(c.request("invite-offer", invite(alice, "audio"))),
            "caller is calling");
        assertEquals("BUSY", Friends.errorCode(a.request("invite-offer", invite(carol, "audio"))));
        ack(b.request("invite-accept", new JsonObject().put("callId", callId)));
        assertEquals(
            "BUSY",
            Friends.errorCode(c.request("invite-offer", invite(bob, "video"))),
            "in an accepted call");
        ack(b.request("hang-up", new JsonObject().put("callId", callId)));
        ack(c.request("invite-offer", invite(alice, "video")));
      }
    }
  }

  @Test
  void refusedCancelledAndUnansweredCallsEachLeaveTheirRecord() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      String refused = ack(a.request("invite-offer", invite(bob, "audio"))).getString("callId");
      b.awaitType("invite-offer");
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(a.request("invite-refuse", new JsonObject().put("callId", refused))));
      ack(b.request("invite-refuse", new JsonObject().put("callId", refused)));
      assertEquals(
          refused, a.awaitType("invite-refuse").getJsonObject("payload").getString("callId"));
      assertEquals("declined", callRecord(a, refused).getJsonObject("content").getString("result"));

      String cancelled = ack(a.request("invite-offer", invite(bob, "video"))).getString("callId");
      ack(a.request("invite-cancel", new JsonObject().put("callId", cancelled)));
      assertEquals(
          cancelled, b.awaitType("invite-cancel").getJsonObject("payload").getString("callId"));
      assertEquals(
          "cancelled", callRecord(b, cancelled).getJsonObject("content").getString("result"));

      String unanswered = ack(a.request("invite-offer", invite(bob, "video"))).getString("callId");
      JsonObject callerEnd = a.awaitType("call-ended").getJsonObject("payload");
      assertEquals(unanswered, callerEnd.getString("callId"));
      assertEquals("timeout", callerEnd.getString("reason"));
      assertEquals(
          "timeout", b.awaitType("call-ended").getJsonObject("payload").getString("reason"));
      assertEquals(
          "missed", callRecord(b, unanswered).getJsonObject("content").getString("result"));
    }
  }

  @Test
  void aCallToAnOfflineContactIsRefusedAndLeavesAMissedRecordOnBothSides() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      assertEquals("OFFLINE", Friends.errorCode(a.request("invite-offer", invite(bob, "video"))));
      JsonObject record =
          a.await(
                  frame ->
                      "message.new".equals(frame.getString("type"))
                          && "call"
                              .equals(
                                  frame
                                      .getJsonObject("payload")
                                      .getJsonObject("message")
                                      .getString("kind")))
              .getJsonObject("payload")
              .getJsonObject("message");
      assertEquals("missed", record.getJsonObject("content").getString("result"));
      assertEquals("video", record.getJsonObject("content").getString("media"));
      assertEquals(0, record.getJsonObject("content").getLong("duration"));
      assertEquals(alice.phone(), record.getString("from"));
      assertEquals(conversation, record.getString("conversationId"));
      // bob finds the same one record when he reads the conversation later
      JsonArray calls =
          new JsonArray(
              http
                  .get("/api/conversations/" + conversation + "/messages", bob.accessToken())
                  .json()
                  .getJsonArray("messages")
                  .stream()
                  .filter(m -> "call".equals(((JsonObject) m).getString("kind")))
                  .toList());
      assertEquals(1, calls.size());
      assertEquals(record.getString("id"), calls.getJsonObject(0).getString("id"));
    }
  }

  @Test
  void aPartyDisconnectingEndsTheCallForTheOther() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      WsClient b = Friends.ready(system.port(), bob.accessToken());
      String callId = ack(a.request("invite-offer", invite(bob, "video"))).getString("callId");
      ack(b.request("invite-accept", new JsonObject().put("callId", callId)));
      long closedAt = System.currentTimeMillis();
      b.close();
      JsonObject ended = a.awaitType("call-ended").getJsonObject("payload");
      assertTrue(System.currentTimeMillis() - closedAt < 5000, "within 5 seconds");
      assertEquals(callId, ended.getString("callId"));
      assertEquals("disconnected", ended.getString("reason"));
      assertEquals("completed", callRecord(a, callId).getJsonObject("content").getString("result"));
      a.assertNone(frame -> "call-ended".equals(frame.getString("type")), 1500);
    }
  }

  @Test
  void iceServersCarryTurnRestCredentials() throws Exception {
    Users.Account alice = Users.register(http);
    JsonObject body = http.get("/api/rtc/ice-servers", alice.accessToken()).json();
    assertEquals(86400, body.getInteger("ttl"));
    JsonArray servers = body.getJsonArray("iceServers");
    assertEquals(
        new JsonArray().add("stun:127.0.0.1:3478"), servers.getJsonObject(0).getJsonArray("urls"));
    JsonObject turn = servers.getJsonObject(1);
    String username = turn.getString("username");
    long expiry = Long.parseLong(username.split(":")[0]);
    assertEquals(alice.phone(), username.split(":")[1]);
    long expected = System.currentTimeMillis() / 1000 + 86400;
    assertTrue(Math.abs(expiry - expected) < 60, "expiry is now + ttl");
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(
        new SecretKeySpec(TestSystem.TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    assertEquals(
        Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))),
        turn.getString("credential"));
    assertEquals(401, http.get("/api/rtc/ice-servers", null).status());
  }

  private JsonObject callRecord(WsClient socket, String callId) {
    return socket
        .await(
            frame ->
                "message.new".equals(frame.getString("type"))
                    && "call"
                        .equals(
                            frame
                                .getJsonObject("payload")
                                .getJsonObject("message")
                                .getString("kind"))
                    && callId.equals(
                        frame
                            .getJsonObject("payload")
                            .getJsonObject("message")
                            .getJsonObject("content")
                            .getString("callId")))
        .getJsonObject("payload")
        .getJsonObject("message");
  }

  private static JsonObject invite(Users.Account to, String media) {
    return new JsonObject().put("to", to.phone()).put("media", media);
  }

  private static JsonObject ack(JsonObject frame) {
    assertEquals("ack", frame.getString("type"), frame.encode());
    return frame.getJsonObject("payload");
  }
}
