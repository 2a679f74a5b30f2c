package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Mentions in groups (contract 1.1 §5.2): stored with the message, and each viewer's mentionedSeq.
 */
class MentionsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void mentionsAreStoredAndRaiseTheMentionedMembersMentionedSeq() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    String group = group(alice, bob, carol);
    try (WsClient b = Friends.ready(system.port(), bob.accessToken());
        WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      JsonObject toCarol =
          b.request(
                  "message.send",
                  Friends.text(group, "@Carol 你好")
                      .put("mentions", new JsonArray().add(carol.phone())))
              .getJsonObject("payload")
              .getJsonObject("message");
      assertEquals(new JsonArray().add(carol.phone()), toCarol.getJsonArray("mentions"));
      assertFalse(toCarol.containsKey("mentionAll"));
      assertEquals(toCarol.getLong("seq"), mentionedSeq(carol, group));
      assertEquals(0L, mentionedSeq(alice, group), "alice was not mentioned");

      JsonObject toAll =
          a.request("message.send", Friends.text(group, "@所有人 开会").put("mentionAll", true))
              .getJsonObject("payload")
              .getJsonObject("message");
      assertTrue(toAll.getBoolean("mentionAll"));
      assertEquals(toAll.getLong("seq"), mentionedSeq(bob, group));
      assertEquals(toAll.getLong("seq"), mentionedSeq(carol, group));
      JsonObject listed =
          http
              .get("/api/conversations/" + group + "/messages", carol.accessToken())
              .json()
              .getJsonArray("messages")
              .stream()
              .map(JsonObject.class::cast)
              .filter(m -> toCarol.getString("id").equals(m.getString("id")))
              .findFirst()
              .orElseThrow();
      assertEquals(
          toCarol.getJsonArray("mentions"), listed.getJsonArray("mentions"), "history keeps them");
    }
  }

  @Test
  void badMentionsAreRefused() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    Users.Account stranger = Users.register(http);
    String group = group(alice, bob, carol);
    String direct = Friends.directId(alice.phone(), bob.phone());
    try (WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      assertEquals(
          "FORBIDDEN",
          Friends.sendErrorCode(b, Friends.text(group, "x").put("mentionAll", true)),
          "the owner only");
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              b, Friends.text(group, "x").put("mentions", new JsonArray().add(stranger.phone()))));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(b, Friends.text(group, "x").put("mentions", new JsonArray())));
      JsonArray tooMany = new JsonArray();
      for (int i = 0; i < 51; i++) {
        tooMany.add("1380000" + String.format("%04d", i));
      }
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(b, Friends.text(group, "x").put("mentions", tooMany)));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              b, Friends.text(group, "x").put("mentions", new JsonArray().add(42))));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(b, Friends.text(group, "x").put("mentions", carol.phone())));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              b, Friends.text(direct, "x").put("mentions", new JsonArray().add(alice.phone()))),
          "only in groups");
    }
  }

  private String group(Users.Account owner, Users.Account... members) {
    JsonArray phones = new JsonArray();
    for (Users.Account member : members) {
      Friends.make(http, owner, member);
      phones.add(member.phone());
    }
    return http.post(
            "/api/groups",
            new JsonObject().put("name", "提到").put("members", phones),
            owner.accessToken())
        .json()
        .getJsonObject("conversation")
        .getString("id");
  }

  private long mentionedSeq(Users.Account viewer, String conversation) {
    return http
        .get("/api/conversations", viewer.accessToken())
        .json()
        .getJsonArray("conversations")
        .stream()
        .map(JsonObject.class::cast)
        .filter(c -> conversation.equals(c.getString("id")))
        .findFirst()
        .orElseThrow()
        .getLong("mentionedSeq");
  }
}
