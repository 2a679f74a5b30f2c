package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * user.updated (contract 5.2): a changed profile reaches contacts, group co-members and one's own
 * other connections.
 */
class UserUpdatedTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void contactsCoMembersAndOwnConnectionsHearOfAProfileChangeStrangersDoNot() {
    Users.Account alice = Users.register(http, TestSystem.newPhone(), "Alice");
    Users.Account bob = Users.register(http, TestSystem.newPhone(), "Bob");
    Users.Account carol = Users.register(http, TestSystem.newPhone(), "Carol");
    Users.Account stranger = Users.register(http, TestSystem.newPhone(), "Stranger");
    Friends.make(http, alice, bob);
    Friends.make(http, bob, carol);
    // carol shares bob's group with alice but is not alice's contact
    Http.Response group =
        http.post(
            "/api/groups",
            new JsonObject()
                .put("name", "Team")
                .put("members", new JsonArray().add(alice.phone()).add(carol.phone())),
            bob.accessToken());
    assertEquals(201, group.status(), group.text());
    try (WsClient aliceOther = Friends.ready(system.port(), alice.accessToken());
        WsClient bobSocket = Friends.ready(system.port(), bob.accessToken());
        WsClient carolSocket = Friends.ready(system.port(), carol.accessToken());
        WsClient strangerSocket = Friends.ready(system.port(), stranger.accessToken())) {
      Http.Response patched =
          http.patch(
              "/api/users/me",
              new JsonObject().put("nickname", "Alice Liddell").put("signature", "down the hole"),
              alice.accessToken());
      assertEquals(200, patched.status(), patched.text());
      for (WsClient socket : new WsClient[] {aliceOther, bobSocket, carolSocket}) {
        JsonObject user =
            socket.awaitType("user.updated").getJsonObject("payload").getJsonObject("user");
        assertEquals(alice.phone(), user.getString("phone"));
        assertEquals("Alice Liddell", user.getString("nickname"));
        assertEquals("down the hole", user.getString("signature"));
        assertEquals(patched.json(), user);
      }
      // the frames above went out together; by the time a ping comes back the stranger would have
      // had theirs
      assertEquals("pong", firstOf(strangerSocket, "pong", "user.updated").getString("type"));
      strangerSocket.assertNone(frame -> "user.updated".equals(frame.getString("type")), 500);
    }
  }

  @Test
  void anEmptyPatchAnnouncesNothing() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    try (WsClient bobSocket = Friends.ready(system.port(), bob.accessToken())) {
      assertEquals(
          200, http.patch("/api/users/me", new JsonObject(), alice.accessToken()).status());
      assertEquals("pong", firstOf(bobSocket, "pong", "user.updated").getString("type"));
      bobSocket.assertNone(frame -> "user.updated".equals(frame.getString("type")), 500);
    }
  }

  /** Sends a ping and returns the first frame of either type (a ping's pong, or the event). */
  private static JsonObject firstOf(WsClient socket, String... types) {
    socket.send(
        new JsonObject().put("type", "ping").put("id", "p1").put("payload", new JsonObject()));
    java.util.List<String> wanted = java.util.List.of(types);
    return socket.await(frame -> wanted.contains(frame.getString("type")));
  }
}
