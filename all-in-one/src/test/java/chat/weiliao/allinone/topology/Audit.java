package chat.weiliao.allinone.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.allinone.History;
import chat.weiliao.allinone.Http;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The final check of a drill, from the durable record: each conversation's history read back
 * through nginx holds every message its two clients issued, each exactly once, with seqs 1..n
 * without a gap, and acked ones at the seq of their ack. (A client keeps sending while it retries
 * one that failed, so its messages need not be stored in the order it issued them.) Each client has
 * also seen every seq of its conversation, live or by filling gaps.
 */
final class Audit {
  private Audit() {}

  /** Returns the number of messages checked. */
  static int check(Http http, Load load) {
    int checked = 0;
    for (int pair = 0; pair < load.conversations.size(); pair++) {
      String conversation = load.conversations.get(pair);
      DrillClient a = load.clients.get(2 * pair);
      DrillClient b = load.clients.get(2 * pair + 1);
      List<JsonObject> history = History.read(http, a.token(), conversation);
      for (int i = 0; i < history.size(); i++) {
        assertEquals(
            i + 1, history.get(i).getLong("seq"), conversation + ": seqs 1..n without a gap");
      }
      Map<String, Long> stored = new HashMap<>();
      Map<String, List<String>> bySender = new HashMap<>();
      for (JsonObject message : history) {
        if (!"text".equals(message.getString("kind"))) {
          continue; // the "now contacts" system message
        }
        String clientMsgId = message.getString("clientMsgId");
        assertEquals(
            null,
            stored.put(clientMsgId, message.getLong("seq")),
            conversation + ": twice " + clientMsgId);
        bySender
            .computeIfAbsent(message.getString("from"), f -> new ArrayList<>())
            .add(clientMsgId);
      }
      for (DrillClient client : List.of(a, b)) {
        List<String> storedOfClient = bySender.getOrDefault(client.phone, List.of());
        assertEquals(
            new HashSet<>(client.issued()),
            new HashSet<>(storedOfClient),
            conversation + ": every message " + client.phone + " issued is stored");
        assertEquals(client.issued().size(), storedOfClient.size(), conversation + ": none twice");
        client
            .acked()
            .forEach(
                (id, seq) -> assertEquals(seq, stored.get(id), "acked " + id + " keeps its seq"));
        Set<Long> seen = new HashSet<>(client.seen().keySet());
        assertEquals(
            history.size(), seen.size(), client.phone + " saw every seq of " + conversation);
        assertTrue(client.failures().isEmpty(), client.phone + " got errors: " + client.failures());
        checked += client.issued().size();
      }
    }
    return checked;
  }
}
