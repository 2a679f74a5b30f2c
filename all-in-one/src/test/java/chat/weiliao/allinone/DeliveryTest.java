package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Nothing acked is lost or duplicated, whatever the concurrency, and offline users catch up by seq.
 */
class DeliveryTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void fourConnectionsSending200EachLeaveAContiguousHistory() throws Exception {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    List<WsClient> sockets =
        List.of(
            Friends.ready(system.port(), alice.accessToken()),
            Friends.ready(system.port(), alice.accessToken()),
            Friends.ready(system.port(), bob.accessToken()),
            Friends.ready(system.port(), bob.accessToken()));
    ExecutorService senders = Executors.newFixedThreadPool(sockets.size());
    try {
      List<Future<List<Long>>> acked = new ArrayList<>();
      for (WsClient socket : sockets) {
        acked.add(senders.submit(() -> sendPaced(socket, conversation, 200)));
      }
      Set<Long> ackedSeqs = new HashSet<>();
      for (Future<List<Long>> result : acked) {
        for (long seq : result.get()) {
          assertEquals(true, ackedSeqs.add(seq), "seq " + seq + " acked twice");
        }
      }
      assertEquals(800, ackedSeqs.size());
      List<JsonObject> history = fullHistory(alice, conversation);
      assertEquals(801, history.size(), "800 messages and the system message");
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < history.size(); i++) {
        assertEquals(i + 1, history.get(i).getLong("seq"), "no gap and no repeat");
        assertEquals(true, ids.add(history.get(i).getString("id")));
      }
    } finally {
      senders.shutdownNow();
      sockets.forEach(WsClient::close);
    }
  }

  /**
   * Sends {@code count} messages as fast as the 100 frames/s limit allows: bursts of 30 every 500
   * ms, so no calendar second can see more than 90 even when a burst straddles two.
   */
  private static List<Long> sendPaced(WsClient socket, String conversation, int count)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i > 0 && i % 30 == 0) {
        Thread.sleep(500);
      }
      String id = "s" + i;
      ids.add(id);
      socket.send(
          new JsonObject()
              .put("type", "message.send")
              .put("id", id)
              .put("payload", Friends.text(conversation, "msg " + i)));
    }
    Set<String> waiting = new HashSet<>(ids);
    List<Long> seqs = new ArrayList<>();
    while (!waiting.isEmpty()) {
      JsonObject frame =
          socket.await(
              f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")));
      assertEquals("ack", frame.getString("type"), frame.encode());
      waiting.remove(frame.getString("id"));
      seqs.add(frame.getJsonObject("payload").getJsonObject("message").getLong("seq"));
    }
    return seqs;
  }

  @Test
  void anOfflineRecipientCatchesUpBySeq() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    assertEquals(
        204,
        http.post(
                "/api/conversations/" + conversation + "/read",
                new JsonObject().put("seq", 1),
                bob.accessToken())
            .status());
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      Friends.sendMany(a, conversation, 50, "while you were away ");
    }
    try (WsClient b = WsClient.connect(system.port(), bob.accessToken())) {
      JsonObject ready = b.next();
      assertEquals("session.ready", ready.getString("type"));
      JsonObject summary =
          ready.getJsonObject("payload").getJsonArray("conversations").getJsonObject(0);
      assertEquals(conversation, summary.getString("id"));
      assertEquals(50, summary.getLong("unread"));
      assertEquals(1, summary.getLong("readSeq"));
      JsonObject page =
          b.request(
                  "history",
                  new JsonObject()
                      .put("conversationId", conversation)
                      .put("after", summary.getLong("readSeq"))
                      .put("limit", 100))
              .getJsonObject("payload");
      JsonArray messages = page.getJsonArray("messages");
      Friends.assertSeqs(messages, 2, 51);
      assertEquals(
          "while you were away 0",
          messages.getJsonObject(0).getJsonObject("content").getString("text"));
      assertFalse(page.getBoolean("hasMore"));
    }
  }

  private List<JsonObject> fullHistory(Users.Account account, String conversation) {
    List<JsonObject> all = new ArrayList<>();
    long after = 0;
    boolean more = true;
    while (more) {
      JsonObject page =
          http.get(
                  "/api/conversations/" + conversation + "/messages?limit=100&after=" + after,
                  account.accessToken())
              .json();
      page.getJsonArray("messages").forEach(message -> all.add((JsonObject) message));
      more = page.getBoolean("hasMore");
      after = all.get(all.size() - 1).getLong("seq");
    }
    return all;
  }
}
