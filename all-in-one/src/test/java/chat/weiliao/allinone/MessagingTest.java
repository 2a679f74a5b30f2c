package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MessagingTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void aMessageReachesEveryDeviceOfBothSidesButTheSendingOne() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a1 = Friends.ready(system.port(), alice.accessToken());
        WsClient a2 = Friends.ready(system.port(), alice.accessToken());
        WsClient b1 = Friends.ready(system.port(), bob.accessToken());
        WsClient b2 = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject sent = Friends.send(a1, conversation, "你好 Bob 👋");
      assertEquals(2, sent.getLong("seq"), "the system message is seq 1");
      assertEquals(alice.phone(), sent.getString("from"));
      assertEquals("text", sent.getString("kind"));
      assertEquals("你好 Bob 👋", sent.getJsonObject("content").getString("text"));
      assertFalse(sent.getBoolean("recalled"));
      for (WsClient device : new WsClient[] {a2, b1, b2}) {
        assertEquals(
            sent,
            device.awaitType("message.new").getJsonObject("payload").getJsonObject("message"));
      }
      JsonObject second = Friends.send(b2, conversation, "hi Alice");
      assertEquals(3, second.getLong("seq"));
      JsonObject onA1 =
          a1.awaitType("message.new").getJsonObject("payload").getJsonObject("message");
      assertEquals(
          second.getString("id"), onA1.getString("id"), "a1 saw no message.new for its own send");
    }
  }

  @Test
  void sendingToAPhoneUsesTheDirectConversation() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient socket = Friends.ready(system.port(), alice.accessToken())) {
      JsonObject payload = Friends.text(conversation, "by phone");
      payload.remove("conversationId");
      payload.put("to", bob.phone());
      JsonObject ack = socket.request("message.send", payload);
      assertEquals(
          conversation,
          ack.getJsonObject("payload").getJsonObject("message").getString("conversationId"));
    }
  }

  @Test
  void badSendsAreRefusedWithTheRightCode() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account stranger = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient socket = Friends.ready(system.port(), alice.accessToken());
        WsClient strangerSocket = Friends.ready(system.port(), stranger.accessToken())) {
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(socket, Friends.text(conversation, "x").put("clientMsgId", "")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              socket, Friends.text(conversation, "x").put("clientMsgId", "c".repeat(65))));
      JsonObject noId = Friends.text(conversation, "x");
      noId.remove("clientMsgId");
      assertEquals("INVALID_ARGUMENT", Friends.sendErrorCode(socket, noId));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(socket, Friends.text(conversation, "x").put("kind", "system")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(socket, Friends.text(conversation, "x").put("kind", "call")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(socket, Friends.text(conversation, "x").put("kind", "video")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(socket, Friends.text(conversation, "t".repeat(4097))));
      assertEquals(
          "INVALID_ARGUMENT", Friends.sendErrorCode(socket, Friends.text(conversation, "   ")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(socket, Friends.text(conversation, "x").put("content", "text")));
      assertEquals(
          "INVALID_ARGUMENT", Friends.sendErrorCode(socket, Friends.text("nonsense", "x")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              socket,
              Friends.text(conversation, "x")
                  .put("kind", "image")
                  .put(
                      "content",
                      new JsonObject()
                          .put("url", "https://evil.example/x.png")
                          .put("width", 1)
                          .put("height", 1))));
      assertEquals(
          "FORBIDDEN",
          Friends.sendErrorCode(
              socket, Friends.text(Friends.directId(alice.phone(), stranger.phone()), "x")));
      assertEquals(
          "FORBIDDEN",
          Friends.sendErrorCode(strangerSocket, Friends.text(conversation, "let me in")));
      assertEquals("NOT_FOUND", Friends.sendErrorCode(socket, Friends.text("g_nosuchgroup", "x")));
      JsonObject toStranger = Friends.text(conversation, "x");
      toStranger.remove("conversationId");
      assertEquals(
          "FORBIDDEN", Friends.sendErrorCode(socket, toStranger.put("to", stranger.phone())));
      assertEquals(
          4096,
          Friends.send(socket, conversation, "t".repeat(4096))
              .getJsonObject("content")
              .getString("text")
              .length());
    }
  }

  @Test
  void aRepeatedClientMsgIdStoresAndDeliversOnce() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject frame = Friends.text(conversation, "once");
      JsonObject first =
          a.request("message.send", frame).getJsonObject("payload").getJsonObject("message");
      JsonObject again =
          a.request("message.send", frame).getJsonObject("payload").getJsonObject("message");
      assertEquals(first, again);
      JsonObject next = Friends.send(a, conversation, "next");
      assertEquals(first.getLong("seq") + 1, next.getLong("seq"));
      assertEquals(
          first.getString("id"),
          b.awaitType("message.new")
              .getJsonObject("payload")
              .getJsonObject("message")
              .getString("id"));
      assertEquals(
          next.getString("id"),
          b.awaitType("message.new")
              .getJsonObject("payload")
              .getJsonObject("message")
              .getString("id"),
          "no second delivery of the repeat");
      JsonArray history = history(alice, conversation, "?limit=100");
      assertEquals(3, history.size());
    }
  }

  @Test
  void readReceiptsAndUnreadCounts() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b1 = Friends.ready(system.port(), bob.accessToken());
        WsClient b2 = Friends.ready(system.port(), bob.accessToken())) {
      for (int i = 0; i < 3; i++) {
        Friends.send(a, conversation, "m" + i);
      }
      assertEquals(
          0,
          summary(alice, conversation).getLong("unread"),
          "sending reads up to one's own message");
      assertEquals(4, summary(bob, conversation).getLong("unread"));

      assertEquals(
          "ack",
          b1.request(
                  "message.read",
                  new JsonObject().put("conversationId", conversation).put("seq", 3))
              .getString("type"));
      JsonObject receipt = a.awaitType("message.read").getJsonObject("payload");
      assertEquals(conversation, receipt.getString("conversationId"));
      assertEquals(bob.phone(), receipt.getString("reader"));
      assertEquals(3, receipt.getLong("seq"));
      assertEquals(3, b2.awaitType("message.read").getJsonObject("payload").getLong("seq"));
      assertEquals(1, summary(bob, conversation).getLong("unread"));

      assertEquals(
          204,
          http.post(
                  "/api/conversations/" + conversation + "/read",
                  new JsonObject().put("seq", 1),
                  bob.accessToken())
              .status());
      assertEquals(3, summary(bob, conversation).getLong("readSeq"), "readSeq only grows");
      assertEquals(
          204,
          http.post(
                  "/api/conversations/" + conversation + "/read",
                  new JsonObject().put("seq", 999),
                  bob.accessToken())
              .status());
      JsonObject caughtUp = summary(bob, conversation);
      assertEquals(4, caughtUp.getLong("readSeq"), "a seq past lastSeq counts as lastSeq");
      assertEquals(0, caughtUp.getLong("unread"));
      assertEquals(4, a.awaitType("message.read").getJsonObject("payload").getLong("seq"));
      assertEquals(
          400,
          http.post(
                  "/api/conversations/" + conversation + "/read",
                  new JsonObject().put("seq", -1),
                  bob.accessToken())
              .status());
      assertEquals(
          400,
          http.post(
                  "/api/conversations/" + conversation + "/read",
                  new JsonObject().put("seq", "x"),
                  bob.accessToken())
              .status());
    }
  }

  @Test
  void historyPagesBothWays() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account stranger = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      Friends.sendMany(a, conversation, 119, "m");
      JsonObject newest =
          http.get("/api/conversations/" + conversation + "/messages", alice.accessToken()).json();
      Friends.assertSeqs(newest.getJsonArray("messages"), 71, 120);
      assertTrue(newest.getBoolean("hasMore"));
      JsonObject older =
          http.get(
                  "/api/conversations/" + conversation + "/messages?before=71&limit=50",
                  alice.accessToken())
              .json();
      Friends.assertSeqs(older.getJsonArray("messages"), 21, 70);
      assertTrue(older.getBoolean("hasMore"));
      JsonObject oldest =
          http.get(
                  "/api/conversations/" + conversation + "/messages?before=21&limit=50",
                  alice.accessToken())
              .json();
      Friends.assertSeqs(oldest.getJsonArray("messages"), 1, 20);
      assertFalse(oldest.getBoolean("hasMore"));
      JsonObject forward =
          http.get(
                  "/api/conversations/" + conversation + "/messages?after=0&limit=100",
                  alice.accessToken())
              .json();
      Friends.assertSeqs(forward.getJsonArray("messages"), 1, 100);
      assertTrue(forward.getBoolean("hasMore"));
      JsonObject between =
          http.get(
                  "/api/conversations/" + conversation + "/messages?after=10&before=15",
                  alice.accessToken())
              .json();
      Friends.assertSeqs(between.getJsonArray("messages"), 11, 14);
      assertFalse(between.getBoolean("hasMore"));
      JsonObject byFrame =
          a.request(
                  "history", new JsonObject().put("conversationId", conversation).put("after", 115))
              .getJsonObject("payload");
      Friends.assertSeqs(byFrame.getJsonArray("messages"), 116, 120);
      assertFalse(byFrame.getBoolean("hasMore"));

      assertEquals(
          400,
          http.get("/api/conversations/" + conversation + "/messages?limit=0", alice.accessToken())
              .status());
      assertEquals(
          400,
          http.get(
                  "/api/conversations/" + conversation + "/messages?limit=101", alice.accessToken())
              .status());
      assertEquals(
          400,
          http.get("/api/conversations/" + conversation + "/messages?after=x", alice.accessToken())
              .status());
      Http.Response foreign =
          http.get("/api/conversations/" + conversation + "/messages", stranger.accessToken());
      assertEquals(403, foreign.status());
      assertEquals("FORBIDDEN", foreign.errorCode());
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              Friends.ready(system.port(), stranger.accessToken())
                  .request("history", new JsonObject().put("conversationId", conversation))));
    }
  }

  @Test
  void recallWithinTheWindowBySenderOnly() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject sent = Friends.send(a, conversation, "oops");
      b.awaitType("message.new");
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              b.request(
                  "message.recall", new JsonObject().put("messageId", sent.getString("id")))));
      assertEquals(
          "ack",
          a.request("message.recall", new JsonObject().put("messageId", sent.getString("id")))
              .getString("type"));
      JsonObject recalled = b.awaitType("message.recalled").getJsonObject("payload");
      assertEquals(sent.getString("id"), recalled.getString("messageId"));
      assertEquals(conversation, recalled.getString("conversationId"));
      assertEquals(sent.getLong("seq"), recalled.getLong("seq"));
      JsonObject stored = history(bob, conversation, "").getJsonObject(1);
      assertTrue(stored.getBoolean("recalled"));
      assertNull(stored.getValue("content"));
      assertEquals(sent.getLong("seq"), stored.getLong("seq"));
      assertTrue(summary(bob, conversation).getJsonObject("lastMessage").getBoolean("recalled"));
      assertEquals(
          "NOT_FOUND",
          Friends.errorCode(
              a.request(
                  "message.recall",
                  new JsonObject().put("messageId", "m000000000000000000000000"))));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.errorCode(
              a.request(
                  "message.recall",
                  new JsonObject().put("messageId", new JsonObject().put("$ne", null)))));
    }
  }

  @Test
  void typingIsRelayedToThePeerOnly() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient a1 = Friends.ready(system.port(), alice.accessToken());
        WsClient a2 = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      for (int i = 0; i < 5; i++) {
        a1.request("typing", new JsonObject().put("conversationId", conversation));
      }
      JsonObject typing = b.awaitType("typing").getJsonObject("payload");
      assertEquals(conversation, typing.getString("conversationId"));
      assertEquals(alice.phone(), typing.getString("from"));
      Friends.send(a1, conversation, "after typing");
      JsonObject next = b.await(frame -> !"presence".equals(frame.getString("type")));
      assertEquals(
          "message.new", next.getString("type"), "five typing frames in a second relay once");
      assertEquals(
          "message.new",
          a2.await(frame -> !"presence".equals(frame.getString("type"))).getString("type"),
          "the typist's own devices get no typing");
    }
  }

  @Test
  void conversationsAreNewestFirst() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    String withBob = Friends.make(http, alice, bob);
    String withCarol = Friends.make(http, alice, carol);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      Friends.send(a, withCarol, "carol first");
      Friends.send(a, withBob, "bob last");
      JsonArray list =
          http.get("/api/conversations", alice.accessToken()).json().getJsonArray("conversations");
      assertEquals(withBob, list.getJsonObject(0).getString("id"));
      assertEquals(withCarol, list.getJsonObject(1).getString("id"));
      assertEquals(
          "bob last",
          list.getJsonObject(0)
              .getJsonObject("lastMessage")
              .getJsonObject("content")
              .getString("text"));
    }
  }

  private JsonArray history(Users.Account account, String conversation, String query) {
    return http.get(
            "/api/conversations/" + conversation + "/messages" + query, account.accessToken())
        .json()
        .getJsonArray("messages");
  }

  private JsonObject summary(Users.Account account, String conversation) {
    for (Object entry :
        http.get("/api/conversations", account.accessToken())
            .json()
            .getJsonArray("conversations")) {
      JsonObject summary = (JsonObject) entry;
      if (summary.getString("id").equals(conversation)) {
        return summary;
      }
    }
    throw new AssertionError("no conversation " + conversation);
  }
}
