package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Replies (contract 1.1 §5.2): a snapshot of the quoted message, which shows a later recall. */
class RepliesTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void aReplyCarriesItsQuoteAndEveryLaterReadShowsTheOriginalRecalled() {
    Friends.Pair pair = Friends.contacts(http);
    Users.Account alice = pair.alice();
    Users.Account bob = pair.bob();
    String conversation = pair.conversation();
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      String longText = "说".repeat(80) + "x".repeat(40);
      JsonObject original = Friends.send(a, conversation, longText);
      b.awaitType("message.new");
      JsonObject reply =
          b.request(
                  "message.send",
                  Friends.text(conversation, "好的").put("replyTo", original.getString("id")))
              .getJsonObject("payload")
              .getJsonObject("message");
      JsonObject quote = reply.getJsonObject("replyTo");
      assertEquals(
          new JsonObject()
              .put("id", original.getString("id"))
              .put("seq", original.getLong("seq"))
              .put("from", alice.phone())
              .put("kind", "text")
              .put("text", "说".repeat(80) + "x".repeat(20))
              .put("recalled", false),
          quote,
          "the first 100 characters of the quoted text");
      assertEquals(
          reply, a.awaitType("message.new").getJsonObject("payload").getJsonObject("message"));

      a.request("message.recall", new JsonObject().put("messageId", original.getString("id")));
      JsonObject inHistory =
          last(
              http.get("/api/conversations/" + conversation + "/messages", bob.accessToken())
                  .json()
                  .getJsonArray("messages"));
      assertEquals(reply.getString("id"), inHistory.getString("id"));
      assertNull(inHistory.getJsonObject("replyTo").getString("text"));
      assertTrue(
          inHistory.getJsonObject("replyTo").getBoolean("recalled"), "history shows the recall");
      JsonObject listed =
          http
              .get("/api/conversations", bob.accessToken())
              .json()
              .getJsonArray("conversations")
              .stream()
              .map(JsonObject.class::cast)
              .filter(c -> conversation.equals(c.getString("id")))
              .findFirst()
              .orElseThrow()
              .getJsonObject("lastMessage");
      assertTrue(
          listed.getJsonObject("replyTo").getBoolean("recalled"),
          "so does the list's last message");
    }
  }

  @Test
  void aQuoteOfAnotherKindHasNoTextAndTheQuotedMessageMustBeOfTheSameConversation() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    String withBob = Friends.make(http, alice, bob);
    String withCarol = Friends.make(http, alice, carol);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      JsonObject elsewhere = Friends.send(a, withCarol, "for Carol");
      JsonObject first = Friends.send(a, withBob, "hi");
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              a, Friends.text(withBob, "x").put("replyTo", elsewhere.getString("id"))));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              a, Friends.text(withBob, "x").put("replyTo", "m0123456789abcdef01234567")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(a, Friends.text(withBob, "x").put("replyTo", "not-an-id")));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(a, Friends.text(withBob, "x").put("replyTo", 42)));
      JsonArray history =
          http.get("/api/conversations/" + withBob + "/messages", alice.accessToken())
              .json()
              .getJsonArray("messages");
      JsonObject system = history.getJsonObject(0);
      JsonObject toSystem =
          a.request(
                  "message.send",
                  Friends.text(withBob, "re").put("replyTo", system.getString("id")))
              .getJsonObject("payload")
              .getJsonObject("message")
              .getJsonObject("replyTo");
      assertEquals("system", toSystem.getString("kind"));
      assertNull(toSystem.getString("text"), "only a text message's text is quoted");
      assertFalse(toSystem.getBoolean("recalled"));
      assertFalse(
          Friends.send(a, withBob, "plain").containsKey("replyTo"), "no replyTo on other messages");
      assertEquals(
          first.getLong("seq") + 2,
          Friends.send(a, withBob, "after").getLong("seq") - 1,
          "the refused sends stored nothing");
    }
  }

  private static JsonObject last(JsonArray messages) {
    return messages.getJsonObject(messages.size() - 1);
  }
}
