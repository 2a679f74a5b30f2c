package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers the server chooses to send stay far below its own slow-consumer bound (contract 5.1). */
class AnswerSizeTest {
  /** The history budget (256 KiB) plus the one message that may cross it. */
  private static final int MAX_ANSWER_BYTES = 256 * 1024 + 16 * 1024;

  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void aHistoryOfBigMessagesComesInBoundedPagesThatWalkEveryMessageOnce() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient writer = Friends.ready(system.port(), alice.accessToken())) {
      Friends.sendMany(writer, conversation, 100, "大".repeat(4090)); // about 1.2 MB of text in all
    }
    List<Long> seen = new ArrayList<>();
    try (WsClient reader = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject request = new JsonObject().put("conversationId", conversation).put("limit", 100);
      boolean hasMore = true;
      while (hasMore) {
        JsonObject answer = reader.request("history", request);
        int bytes = answer.encode().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= MAX_ANSWER_BYTES, "one history answer of " + bytes + " bytes");
        JsonArray messages = answer.getJsonObject("payload").getJsonArray("messages");
        assertTrue(!messages.isEmpty(), "every page makes progress");
        List<Long> page = new ArrayList<>();
        messages.forEach(message -> page.add(((JsonObject) message).getLong("seq")));
        seen.addAll(0, page);
        hasMore = answer.getJsonObject("payload").getBoolean("hasMore");
        request.put("before", page.get(0));
      }
    }
    assertTrue(
        seen.size() >= 100, "the 100 texts and any system line the pairing wrote: " + seen.size());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i + 1L, seen.get(i), "every message once, in order");
    }
  }
}
