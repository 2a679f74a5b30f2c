package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Voice messages (contract 1.1 §5.2): an audio upload's url and a duration of 0.5 to 60 s. */
class VoiceMessagesTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void aVoiceMessageCarriesItsAudioUrlAndDurationToBothSides() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    Users.Account alice = pair.alice();
    Users.Account bob = pair.bob();
    String conversation = pair.conversation();
    String url = http.upload(alice.accessToken(), "audio/webm;codecs=opus");
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject sent =
          a.request("message.send", voice(conversation, url, 2400).put("clientMsgId", "v1"))
              .getJsonObject("payload")
              .getJsonObject("message");
      assertEquals("voice", sent.getString("kind"));
      assertEquals(
          new JsonObject().put("url", url).put("duration", 2400), sent.getJsonObject("content"));
      assertEquals(
          sent, b.awaitType("message.new").getJsonObject("payload").getJsonObject("message"));
      assertEquals(
          "{}",
          a.request("message.recall", new JsonObject().put("messageId", sent.getString("id")))
              .getJsonObject("payload")
              .encode(),
          "the sender may recall a voice message like any other");
    }
  }

  @Test
  void aVoiceMessageNeedsAnAudioUploadAndADurationWithinBounds() throws Exception {
    Friends.Pair pair = Friends.contacts(http);
    String conversation = pair.conversation();
    String audio = http.upload(pair.alice().accessToken(), "audio/ogg");
    String image = http.upload(pair.alice().accessToken(), "image/png");
    try (WsClient a = Friends.ready(system.port(), pair.alice().accessToken())) {
      assertEquals("INVALID_ARGUMENT", Friends.sendErrorCode(a, voice(conversation, audio, 499)));
      assertEquals(
          "INVALID_ARGUMENT", Friends.sendErrorCode(a, voice(conversation, audio, 60_001)));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(a, voice(conversation, image, 1000)),
          "an image is not a voice");
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(
              a, voice(conversation, "/api/media/0123456789abcdef0123456789abcdef", 1000)),
          "no such upload");
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.sendErrorCode(a, voice(conversation, "https://evil.example/a.ogg", 1000)));
      assertEquals(
          500,
          a.request("message.send", voice(conversation, audio, 500).put("clientMsgId", "edge"))
              .getJsonObject("payload")
              .getJsonObject("message")
              .getJsonObject("content")
              .getInteger("duration"));
    }
  }

  private static JsonObject voice(String conversation, String url, int duration) {
    return new JsonObject()
        .put("conversationId", conversation)
        .put("clientMsgId", "c" + System.nanoTime())
        .put("kind", "voice")
        .put("content", new JsonObject().put("url", url).put("duration", duration));
  }
}
