package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The paged list's arguments and what one entry holds (contract 5.1; the big account is
 * BigAccountTest).
 */
class ConversationListTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void aSmallAccountGetsOnePageWithoutNext() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    JsonObject list = http.get("/api/conversations", alice.accessToken()).json();
    assertEquals(1, list.getJsonArray("conversations").size());
    assertFalse(list.getBoolean("hasMore"));
    assertFalse(list.containsKey("next"));
    try (WsClient socket = WsClient.connect(system.port(), alice.accessToken())) {
      JsonObject ready = socket.next().getJsonObject("payload");
      assertFalse(ready.getBoolean("hasMore"));
      assertEquals(1, ready.getJsonArray("conversations").size());
    }
  }

  @Test
  void badPagingArgumentsAreInvalid() {
    Users.Account alice = Users.register(http);
    String forged = Base64.getUrlEncoder().encodeToString("12:not a conversation".getBytes());
    for (String query :
        new String[] {
          "limit=0",
          "limit=201",
          "limit=x",
          "before=%25%25",
          "before=" + forged,
          "before=" + Base64.getUrlEncoder().encodeToString("x:d_12345_12346".getBytes())
        }) {
      Http.Response refused = http.get("/api/conversations?" + query, alice.accessToken());
      assertEquals(400, refused.status(), query + ": " + refused.text());
      assertEquals("INVALID_ARGUMENT", refused.errorCode());
    }
  }

  @Test
  void listsShowTheFirstHundredCharactersOfTheLastText() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    String text = "😀".repeat(150) + "x".repeat(3000);
    try (WsClient socket = Friends.ready(system.port(), alice.accessToken())) {
      assertEquals(
          text,
          Friends.send(socket, conversation, text).getJsonObject("content").getString("text"));
    }
    JsonObject last =
        http.get("/api/conversations", bob.accessToken())
            .json()
            .getJsonArray("conversations")
            .getJsonObject(0)
            .getJsonObject("lastMessage");
    assertEquals(
        "😀".repeat(100),
        last.getJsonObject("content").getString("text"),
        "100 characters, none cut in half");
    JsonObject stored =
        http.get("/api/conversations/" + conversation + "/messages", bob.accessToken())
            .json()
            .getJsonArray("messages")
            .getJsonObject(1);
    assertEquals(
        text, stored.getJsonObject("content").getString("text"), "history keeps the whole text");
  }
}
