package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A direct conversation carries how far the peer has read (contract 5.2), in lists and
 * session.ready.
 */
class PeerReadSeqTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  private JsonObject listed(Users.Account who) {
    return http.get("/api/conversations", who.accessToken())
        .json()
        .getJsonArray("conversations")
        .getJsonObject(0);
  }

  @Test
  void theSenderSeesHowFarThePeerReadAfterReconnecting() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    long last;
    try (WsClient socket = Friends.ready(system.port(), alice.accessToken())) {
      Friends.send(socket, conversation, "one");
      last = Friends.send(socket, conversation, "two").getLong("seq");
    }
    assertEquals(0L, listed(alice).getLong("peerReadSeq"), "bob has read nothing yet");
    assertEquals(last, listed(bob).getLong("peerReadSeq"), "alice read all she sent");

    Http.Response read =
        http.post(
            "/api/conversations/" + conversation + "/read",
            new JsonObject().put("seq", last - 1),
            bob.accessToken());
    assertEquals(204, read.status(), read.text());
    assertEquals(last - 1, listed(alice).getLong("peerReadSeq"));
    try (WsClient socket = WsClient.connect(system.port(), alice.accessToken())) {
      JsonObject ready = socket.next();
      assertEquals("session.ready", ready.getString("type"));
      JsonObject direct =
          ready.getJsonObject("payload").getJsonArray("conversations").getJsonObject(0);
      assertEquals(conversation, direct.getString("id"));
      assertEquals(last - 1, direct.getLong("peerReadSeq"));
    }
  }

  @Test
  void groupsCarryNoPeerReadSeq() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, alice, bob);
    Friends.make(http, alice, carol);
    Http.Response made =
        http.post(
            "/api/groups",
            new JsonObject()
                .put("name", "g")
                .put(
                    "members",
                    new io.vertx.core.json.JsonArray().add(bob.phone()).add(carol.phone())),
            alice.accessToken());
    assertEquals(201, made.status(), made.text());
    for (Object each :
        http.get("/api/conversations", alice.accessToken()).json().getJsonArray("conversations")) {
      JsonObject c = (JsonObject) each;
      if ("group".equals(c.getString("type"))) {
        assertFalse(c.containsKey("peerReadSeq"));
      }
    }
  }
}
