package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mallory holds real ids of Alice's: her direct conversation with Bob, their group, a message, a
 * call in progress. Mallory is Alice's contact (so "only contacts" checks pass) but a member of
 * none of these. Every route and frame that takes such an id refuses her and changes nothing; and a
 * client-sent {@code from} is never believed.
 */
class SomeoneElsesIdsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());
  private Users.Account alice;
  private Users.Account bob;
  private Users.Account carol;
  private Users.Account mallory;
  private String direct;
  private String groupId;
  private JsonObject aliceMessage;

  @BeforeEach
  void aliceHasAConversationAGroupAndAMessage() {
    alice = Users.register(http);
    bob = Users.register(http);
    carol = Users.register(http);
    mallory = Users.register(http);
    direct = Friends.make(http, alice, bob);
    Friends.make(http, alice, carol);
    Friends.make(http, alice, mallory);
    Http.Response group =
        http.post(
            "/api/groups",
            new JsonObject()
                .put("name", "Alice's")
                .put("members", new JsonArray().add(bob.phone()).add(carol.phone())),
            alice.accessToken());
    assertEquals(201, group.status(), group.text());
    groupId = group.json().getJsonObject("group").getString("id");
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      aliceMessage = Friends.send(a, direct, "for Bob only");
    }
  }

  @Test
  void historyOverHttpAndByFrame() {
    for (String conversation : new String[] {direct, "g_" + groupId}) {
      assertForbidden(
          http.get("/api/conversations/" + conversation + "/messages", mallory.accessToken()));
      try (WsClient m = Friends.ready(system.port(), mallory.accessToken())) {
        assertEquals(
            "FORBIDDEN",
            Friends.errorCode(
                m.request(
                    "history",
                    new JsonObject().put("conversationId", conversation).put("limit", 10))));
      }
    }
  }

  @Test
  void readReceiptsOverHttpAndByFrame() {
    long bobReadBefore = readSeqOf(bob, direct);
    assertForbidden(
        http.post(
            "/api/conversations/" + direct + "/read",
            new JsonObject().put("seq", aliceMessage.getLong("seq")),
            mallory.accessToken()));
    try (WsClient m = Friends.ready(system.port(), mallory.accessToken())) {
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              m.request(
                  "message.read",
                  new JsonObject()
                      .put("conversationId", direct)
                      .put("seq", aliceMessage.getLong("seq")))));
    }
    assertEquals(bobReadBefore, readSeqOf(bob, direct), "Bob's read state is untouched");
    assertEquals(
        aliceMessage.getLong("seq"), readSeqOf(alice, direct), "Alice's read state is untouched");
  }

  @Test
  void sendRecallAndTypingByFrame() {
    try (WsClient m = Friends.ready(system.port(), mallory.accessToken())) {
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(m.request("message.send", Friends.text(direct, "let me in"))));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(m.request("message.send", Friends.text("g_" + groupId, "me too"))));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              m.request(
                  "message.recall",
                  new JsonObject()
                      .put("conversationId", direct)
                      .put("messageId", aliceMessage.getString("id")))));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(m.request("typing", new JsonObject().put("conversationId", direct))));
    }
    JsonArray history =
        http.get("/api/conversations/" + direct + "/messages", bob.accessToken())
            .json()
            .getJsonArray("messages");
    JsonObject last = history.getJsonObject(history.size() - 1);
    assertEquals(aliceMessage.getString("id"), last.getString("id"), "nothing was added");
    assertFalse(last.getBoolean("recalled", false), "nor recalled: " + last.encode());
  }

  @Test
  void aClientSentFromIsIgnored() {
    try (WsClient m = Friends.ready(system.port(), mallory.accessToken());
        WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      String conversation = Friends.directId(alice.phone(), mallory.phone());
      JsonObject forged =
          Friends.text(conversation, "I am Bob")
              .put("from", bob.phone())
              .put("sender", bob.phone());
      JsonObject stored =
          m.request("message.send", forged).getJsonObject("payload").getJsonObject("message");
      assertEquals(mallory.phone(), stored.getString("from"));
      JsonObject delivered =
          a.await(
              f ->
                  "message.new".equals(f.getString("type"))
                      && stored
                          .getString("id")
                          .equals(
                              f.getJsonObject("payload").getJsonObject("message").getString("id")));
      assertEquals(
          mallory.phone(),
          delivered.getJsonObject("payload").getJsonObject("message").getString("from"));
    }
  }

  @Test
  void groupRoutes() {
    JsonObject before = http.get("/api/groups/" + groupId, alice.accessToken()).json();
    assertForbidden(http.get("/api/groups/" + groupId, mallory.accessToken()));
    assertForbidden(
        http.patch(
            "/api/groups/" + groupId, new JsonObject().put("name", "Mine"), mallory.accessToken()));
    assertForbidden(
        http.post(
            "/api/groups/" + groupId + "/members",
            new JsonObject().put("phones", new JsonArray().add(mallory.phone())),
            mallory.accessToken()));
    assertForbidden(
        http.delete("/api/groups/" + groupId + "/members/" + bob.phone(), mallory.accessToken()));
    assertForbidden(
        http.delete("/api/groups/" + groupId + "/members/" + alice.phone(), mallory.accessToken()));
    // A member who is not the owner cannot remove, or leave on behalf of, someone else either.
    assertForbidden(
        http.delete("/api/groups/" + groupId + "/members/" + carol.phone(), bob.accessToken()));
    assertEquals(
        before,
        http.get("/api/groups/" + groupId, alice.accessToken()).json(),
        "the group is unchanged");
  }

  @Test
  void contactRequestsAddressedToSomeoneElse() {
    Users.Account dave = Users.register(http);
    Http.Response request =
        http.post(
            "/api/contacts/requests", new JsonObject().put("to", bob.phone()), dave.accessToken());
    assertEquals(201, request.status(), request.text());
    String id = request.json().getString("id");
    // To an outsider someone else's request does not exist; its sender may see it but not answer
    // it.
    assertNotFound(
        http.post("/api/contacts/requests/" + id + "/accept", null, mallory.accessToken()));
    assertNotFound(
        http.post("/api/contacts/requests/" + id + "/decline", null, mallory.accessToken()));
    assertForbidden(
        http.post("/api/contacts/requests/" + id + "/accept", null, dave.accessToken()));
    assertForbidden(
        http.post("/api/contacts/requests/" + id + "/decline", null, dave.accessToken()));
    JsonArray incoming =
        http.get("/api/contacts/requests", bob.accessToken()).json().getJsonArray("incoming");
    assertEquals(
        1,
        incoming.stream().filter(r -> id.equals(((JsonObject) r).getString("id"))).count(),
        "Bob's request is still pending: " + incoming.encode());
  }

  @Test
  void everyCallFrameWithSomeoneElsesCallId() {
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken());
        WsClient m = Friends.ready(system.port(), mallory.accessToken())) {
      String callId =
          a.request("invite-offer", new JsonObject().put("to", bob.phone()).put("media", "audio"))
              .getJsonObject("payload")
              .getString("callId");
      b.awaitType("invite-offer");
      JsonObject candidate =
          new JsonObject()
              .put("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host")
              .put("sdpMid", "0")
              .put("sdpMLineIndex", 0);
      JsonObject[] frames = {
        frame("invite-accept", callId),
        frame("invite-refuse", callId),
        frame("invite-cancel", callId),
        frame("video-offer", callId).put("sdp", "v=0"),
        frame("video-answer", callId).put("sdp", "v=0"),
        frame("new-ice-candidate", callId).put("candidate", candidate),
        frame("hang-up", callId)
      };
      for (JsonObject payload : frames) {
        String type = payload.getString("type");
        payload.remove("type");
        assertEquals("FORBIDDEN", Friends.errorCode(m.request(type, payload)), type);
      }
      // The call is still Alice's and Bob's to continue.
      assertEquals(
          "ack",
          b.request("invite-accept", new JsonObject().put("callId", callId)).getString("type"));
      assertEquals(
          "ack", a.request("hang-up", new JsonObject().put("callId", callId)).getString("type"));
    }
  }

  private static JsonObject frame(String type, String callId) {
    return new JsonObject().put("type", type).put("callId", callId);
  }

  private long readSeqOf(Users.Account who, String conversation) {
    return http
        .get("/api/conversations", who.accessToken())
        .json()
        .getJsonArray("conversations")
        .stream()
        .map(JsonObject.class::cast)
        .filter(c -> conversation.equals(c.getString("id")))
        .findFirst()
        .orElseThrow()
        .getLong("readSeq");
  }

  private static void assertNotFound(Http.Response response) {
    assertEquals(404, response.status(), response.text());
    assertEquals("NOT_FOUND", response.errorCode());
  }

  private static void assertForbidden(Http.Response response) {
    assertEquals(403, response.status(), response.text());
    assertEquals("FORBIDDEN", response.errorCode());
  }
}
