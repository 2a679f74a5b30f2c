package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ContactsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void requestThenAcceptMakesContactsEverywhere() {
    Users.Account alice = Users.register(http, TestSystem.newPhone(), "Alice");
    Users.Account bob = Users.register(http, TestSystem.newPhone(), "Bob");
    try (WsClient aliceSocket = Friends.ready(system.port(), alice.accessToken());
        WsClient bobSocket = Friends.ready(system.port(), bob.accessToken())) {
      Http.Response created =
          http.post(
              "/api/contacts/requests",
              new JsonObject().put("to", bob.phone()).put("greeting", "我是 Alice"),
              alice.accessToken());
      assertEquals(201, created.status());
      JsonObject request = created.json();
      assertEquals(alice.phone(), request.getString("from"));
      assertEquals(bob.phone(), request.getString("to"));
      assertEquals("我是 Alice", request.getString("greeting"));
      assertEquals("pending", request.getString("status"));
      assertEquals("Alice", request.getJsonObject("fromUser").getString("nickname"));
      assertEquals("Bob", request.getJsonObject("toUser").getString("nickname"));

      JsonObject event = bobSocket.awaitType("contact.request");
      assertEquals(
          request.getString("id"),
          event.getJsonObject("payload").getJsonObject("request").getString("id"));
      JsonArray incoming =
          http.get("/api/contacts/requests", bob.accessToken()).json().getJsonArray("incoming");
      assertEquals(request.getString("id"), incoming.getJsonObject(0).getString("id"));
      JsonArray outgoing =
          http.get("/api/contacts/requests", alice.accessToken()).json().getJsonArray("outgoing");
      assertEquals(request.getString("id"), outgoing.getJsonObject(0).getString("id"));

      Http.Response accepted =
          http.post(
              "/api/contacts/requests/" + request.getString("id") + "/accept",
              null,
              bob.accessToken());
      assertEquals(200, accepted.status());
      JsonObject contact = accepted.json();
      assertEquals(alice.phone(), contact.getString("phone"));
      assertEquals("", contact.getString("remark"));
      assertTrue(contact.getBoolean("online"));
      assertNull(contact.getValue("lastSeen"));

      var aliceEvents = aliceSocket.awaitTypes("contact.added", "message.new");
      var bobEvents = bobSocket.awaitTypes("contact.added", "message.new");
      assertEquals(
          bob.phone(),
          aliceEvents
              .get("contact.added")
              .getJsonObject("payload")
              .getJsonObject("contact")
              .getString("phone"));
      assertEquals(
          alice.phone(),
          bobEvents
              .get("contact.added")
              .getJsonObject("payload")
              .getJsonObject("contact")
              .getString("phone"));
      JsonObject system =
          aliceEvents.get("message.new").getJsonObject("payload").getJsonObject("message");
      assertEquals("system", system.getString("kind"));
      assertEquals(1, system.getLong("seq"));
      assertEquals(
          Friends.directId(alice.phone(), bob.phone()), system.getString("conversationId"));
      assertEquals(
          system, bobEvents.get("message.new").getJsonObject("payload").getJsonObject("message"));

      assertEquals(
          bob.phone(),
          http.get("/api/contacts", alice.accessToken())
              .json()
              .getJsonArray("contacts")
              .getJsonObject(0)
              .getString("phone"));
      JsonObject conversation =
          http.get("/api/conversations", alice.accessToken())
              .json()
              .getJsonArray("conversations")
              .getJsonObject(0);
      assertEquals("direct", conversation.getString("type"));
      assertEquals(bob.phone(), conversation.getJsonObject("peer").getString("phone"));
      assertEquals(1, conversation.getLong("lastSeq"));
      assertEquals(
          "accepted",
          http.get("/api/contacts/requests", alice.accessToken())
              .json()
              .getJsonArray("outgoing")
              .getJsonObject(0)
              .getString("status"));
    }
  }

  @Test
  void requestErrors() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    assertStatus(
        400,
        "INVALID_ARGUMENT",
        http.post(
            "/api/contacts/requests",
            new JsonObject().put("to", alice.phone()),
            alice.accessToken()));
    assertStatus(
        404,
        "NOT_FOUND",
        http.post(
            "/api/contacts/requests",
            new JsonObject().put("to", TestSystem.newPhone()),
            alice.accessToken()));
    assertStatus(
        400,
        "INVALID_ARGUMENT",
        http.post("/api/contacts/requests", new JsonObject().put("to", "12"), alice.accessToken()));
    assertStatus(
        400,
        "INVALID_ARGUMENT",
        http.post(
            "/api/contacts/requests",
            new JsonObject().put("to", bob.phone()).put("greeting", "g".repeat(65)),
            alice.accessToken()));
    Friends.make(http, alice, bob);
    assertStatus(
        409,
        "CONFLICT",
        http.post(
            "/api/contacts/requests",
            new JsonObject().put("to", bob.phone()),
            alice.accessToken()));
    assertStatus(
        409,
        "CONFLICT",
        http.post(
            "/api/contacts/requests",
            new JsonObject().put("to", alice.phone()),
            bob.accessToken()));
  }

  @Test
  void aSecondRequestReplacesThePendingOne() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String first =
        http.post(
                "/api/contacts/requests",
                new JsonObject().put("to", bob.phone()).put("greeting", "one"),
                alice.accessToken())
            .json()
            .getString("id");
    String second =
        http.post(
                "/api/contacts/requests",
                new JsonObject().put("to", bob.phone()).put("greeting", "two"),
                alice.accessToken())
            .json()
            .getString("id");
    assertEquals(first, second);
    JsonArray incoming =
        http.get("/api/contacts/requests", bob.accessToken()).json().getJsonArray("incoming");
    assertEquals(1, incoming.size());
    assertEquals("two", incoming.getJsonObject(0).getString("greeting"));
  }

  @Test
  void aCrossingRequestAcceptsThePendingOne() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    assertEquals(
        201,
        http.post(
                "/api/contacts/requests",
                new JsonObject().put("to", bob.phone()),
                alice.accessToken())
            .status());
    Http.Response crossing =
        http.post(
            "/api/contacts/requests", new JsonObject().put("to", alice.phone()), bob.accessToken());
    assertEquals(200, crossing.status());
    assertEquals("accepted", crossing.json().getString("status"));
    assertEquals(
        1, http.get("/api/contacts", alice.accessToken()).json().getJsonArray("contacts").size());
    assertEquals(
        1, http.get("/api/contacts", bob.accessToken()).json().getJsonArray("contacts").size());
  }

  @Test
  void onlyTheAddresseeAnswers() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    String id =
        http.post(
                "/api/contacts/requests",
                new JsonObject().put("to", bob.phone()),
                alice.accessToken())
            .json()
            .getString("id");
    assertStatus(
        403,
        "FORBIDDEN",
        http.post("/api/contacts/requests/" + id + "/accept", null, alice.accessToken()));
    assertStatus(
        403,
        "FORBIDDEN",
        http.post("/api/contacts/requests/" + id + "/decline", null, alice.accessToken()));
    assertStatus(
        404,
        "NOT_FOUND",
        http.post("/api/contacts/requests/" + id + "/accept", null, carol.accessToken()));
    assertStatus(
        404,
        "NOT_FOUND",
        http.post("/api/contacts/requests/rnothing/accept", null, bob.accessToken()));
  }

  @Test
  void declineThenAskAgain() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String id =
        http.post(
                "/api/contacts/requests",
                new JsonObject().put("to", bob.phone()),
                alice.accessToken())
            .json()
            .getString("id");
    assertEquals(
        204,
        http.post("/api/contacts/requests/" + id + "/decline", null, bob.accessToken()).status());
    assertEquals(
        "declined",
        http.get("/api/contacts/requests", alice.accessToken())
            .json()
            .getJsonArray("outgoing")
            .getJsonObject(0)
            .getString("status"));
    assertStatus(
        409,
        "CONFLICT",
        http.post("/api/contacts/requests/" + id + "/accept", null, bob.accessToken()));
    assertEquals(
        0, http.get("/api/contacts", bob.accessToken()).json().getJsonArray("contacts").size());
    Http.Response again =
        http.post(
            "/api/contacts/requests", new JsonObject().put("to", bob.phone()), alice.accessToken());
    assertEquals(201, again.status());
    assertEquals("pending", again.json().getString("status"));
  }

  @Test
  void remarks() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account stranger = Users.register(http);
    Friends.make(http, alice, bob);
    Http.Response remarked =
        http.patch(
            "/api/contacts/" + bob.phone(),
            new JsonObject().put("remark", "老王"),
            alice.accessToken());
    assertEquals(200, remarked.status());
    assertEquals("老王", remarked.json().getString("remark"));
    assertEquals(
        "老王",
        http.get("/api/contacts", alice.accessToken())
            .json()
            .getJsonArray("contacts")
            .getJsonObject(0)
            .getString("remark"));
    assertEquals(
        "",
        http.get("/api/contacts", bob.accessToken())
            .json()
            .getJsonArray("contacts")
            .getJsonObject(0)
            .getString("remark"),
        "each side has its own remark");
    assertStatus(
        400,
        "INVALID_ARGUMENT",
        http.patch(
            "/api/contacts/" + bob.phone(),
            new JsonObject().put("remark", "r".repeat(65)),
            alice.accessToken()));
    assertStatus(
        404,
        "NOT_FOUND",
        http.patch(
            "/api/contacts/" + stranger.phone(),
            new JsonObject().put("remark", "x"),
            alice.accessToken()));
  }

  @Test
  void deletingEndsItForBothSides() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient aliceSocket = Friends.ready(system.port(), alice.accessToken());
        WsClient bobSocket = Friends.ready(system.port(), bob.accessToken())) {
      assertEquals(204, http.delete("/api/contacts/" + bob.phone(), alice.accessToken()).status());
      assertEquals(
          bob.phone(),
          aliceSocket.awaitType("contact.removed").getJsonObject("payload").getString("phone"));
      assertEquals(
          alice.phone(),
          bobSocket.awaitType("contact.removed").getJsonObject("payload").getString("phone"));
      assertEquals(
          0, http.get("/api/contacts", alice.accessToken()).json().getJsonArray("contacts").size());
      assertEquals(
          0, http.get("/api/contacts", bob.accessToken()).json().getJsonArray("contacts").size());
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(aliceSocket.request("message.send", Friends.text(conversation, "hi"))));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(bobSocket.request("message.send", Friends.text(conversation, "hi"))));
      assertStatus(
          404, "NOT_FOUND", http.delete("/api/contacts/" + bob.phone(), alice.accessToken()));
    }
  }

  @Test
  void contactsSeePresence() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    try (WsClient aliceSocket = Friends.ready(system.port(), alice.accessToken())) {
      JsonObject before =
          http.get("/api/contacts", alice.accessToken())
              .json()
              .getJsonArray("contacts")
              .getJsonObject(0);
      assertFalse(before.getBoolean("online"));
      WsClient bobFirst = Friends.ready(system.port(), bob.accessToken());
      JsonObject online = aliceSocket.awaitType("presence").getJsonObject("payload");
      assertEquals(bob.phone(), online.getString("phone"));
      assertTrue(online.getBoolean("online"));
      assertNull(online.getValue("lastSeen"));
      WsClient bobSecond = Friends.ready(system.port(), bob.accessToken());
      assertTrue(
          http.get("/api/contacts", alice.accessToken())
              .json()
              .getJsonArray("contacts")
              .getJsonObject(0)
              .getBoolean("online"));
      bobFirst.close();
      bobSecond.close();
      JsonObject offline = aliceSocket.awaitType("presence").getJsonObject("payload");
      assertFalse(offline.getBoolean("online"));
      assertNotNull(offline.getLong("lastSeen"));
      JsonObject after =
          http.get("/api/contacts", alice.accessToken())
              .json()
              .getJsonArray("contacts")
              .getJsonObject(0);
      assertFalse(after.getBoolean("online"));
      assertNotNull(after.getLong("lastSeen"));
    }
  }

  private static void assertStatus(int status, String code, Http.Response response) {
    assertEquals(status, response.status(), response.text());
    assertEquals(code, response.errorCode());
  }
}
