package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * 1:1 traffic between contact pairs, shared by S2 and the soak: one socket per user, message.send
 * from user k % N to its partner, acks and deliveries counted on the current {@link Step}, and the
 * audit via history that every acked message is stored exactly once.
 */
final class PairTraffic {
  private static final long LATENCY_CAP = TimeUnit.SECONDS.toNanos(120);
  private final String[] conversations;
  private final String padding;
  private final Map<String, Queue<String>> ackedByConversation = new ConcurrentHashMap<>();
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
  private final AtomicLong requestIds = new AtomicLong();
  private List<Socket> sockets;
  private volatile Step step;

  /** Send → recipient of deliveries since the last interval read; only the soak reads it. */
  private volatile Recorder recentDeliveries;

  /** What the history audit found. */
  record Audit(
      int conversations, double seconds, long checked, long lost, long duplicated, long seqFaults) {
    String text() {
      return String.format(
          Locale.ROOT,
          "Audit by history over %d conversations in %.1f s: %d acked "
              + "messages checked, %d lost, %d duplicated, %d seq gaps or repeats.",
          conversations,
          seconds,
          checked,
          lost,
          duplicated,
          seqFaults);
    }
  }

  private PairTraffic(Users.Pairs pairs, Options options) {
    this.conversations = pairs.conversations();
    this.padding = "x".repeat(options.integer("padding", 40));
  }

  /** Opens one socket per user of the pairs. */
  static PairTraffic connect(Users.Pairs pairs, Clients clients, Options options) throws Exception {
    PairTraffic traffic = new PairTraffic(pairs, options);
    List<Api.Account> accounts = pairs.accounts();
    int users = accounts.size();
    long start = System.nanoTime();
    traffic.sockets =
        await(
            bounded(users, 200, i -> clients.open(i, accounts.get(i).token(), traffic::onText)),
            1800);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d sockets open in %.1f s (%.0f/s)%n", users, seconds, users / seconds);
    return traffic;
  }

  /** The step that counts acks and deliveries from now on (null: none). */
  void step(Step current) {
    step = current;
  }

  /** Starts recording every delivery's send → recipient latency for interval reads. */
  Recorder recordRecentDeliveries() {
    recentDeliveries = new Recorder(LATENCY_CAP, 3);
    return recentDeliveries;
  }

  /**
   * Message number {@code number}, intended at {@code intended}, from user number % N to its
   * partner.
   */
  void send(long number, long intended) {
    int user = (int) (number % conversations.length);
    sockets
        .get(user)
        .send(
            "{\"type\":\"message.send\",\"id\":\""
                + intended
                + "\",\"payload\":{\"conversationId\":\""
                + conversations[user]
                + "\",\"clientMsgId\":\"m"
                + number
                + "\",\"kind\":\"text\",\"content\":{\"text\":\""
                + intended
                + " "
                + padding
                + "\"}}}");
  }

  /** Sends open-loop at the step's rate until its window ends, then waits for the deliveries. */
  long sendStep(Step current, long base, int drainSeconds) {
    step(current);
    long total =
        OpenLoop.run(
            current.rate,
            current.windowEnd - System.nanoTime(),
            (index, intended) -> {
              current.sent.increment();
              send(base + index, intended);
            });
    current.drain(total, drainSeconds);
    Async.sleep(500);
    return total;
  }

  Map<String, LongAdder> errorCodes() {
    return errorCodes;
  }

  private void onText(String text, long now) {
    String type = Frames.type(text);
    if ("message.new".equals(type)) {
      onDelivery(Frames.leadingNumber(text, "text"), now);
    } else if ("ack".equals(type) || "error".equals(type)) {
      JsonObject frame = new JsonObject(text);
      String id = frame.getString("id");
      Promise<JsonObject> waiting = id == null ? null : pending.remove(id);
      if (waiting != null) {
        if ("ack".equals(type)) {
          waiting.complete(frame.getJsonObject("payload"));
        } else {
          waiting.fail(frame.getJsonObject("payload").encode());
        }
        return;
      }
      Step current = step;
      if ("error".equals(type)) {
        errorCodes
            .computeIfAbsent(frame.getJsonObject("payload").getString("code"), k -> new LongAdder())
            .increment();
        if (current != null) {
          current.errors.increment();
        }
        return;
      }
      JsonObject message = frame.getJsonObject("payload").getJsonObject("message");
      ackedByConversation
          .computeIfAbsent(message.getString("conversationId"), k -> new ConcurrentLinkedQueue<>())
          .add(message.getString("clientMsgId"));
      if (current != null) {
        current.onAck(Long.parseLong(id), now);
      }
    }
  }

  private void onDelivery(long intended, long now) {
    Step current = step;
    if (current != null) {
      current.onDelivery(intended, now);
    }
    Recorder recent = recentDeliveries;
    if (recent != null) {
      recent.recordValue(Math.min(Math.max(0, now - intended), LATENCY_CAP));
    }
  }

  /** A history request over the socket, answered by its ack. */
  private Future<JsonObject> history(Socket socket, String conversation, long after) {
    String id = "h" + requestIds.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    socket.send(
        new JsonObject()
            .put("type", "history")
            .put("id", id)
            .put(
                "payload",
                new JsonObject()
                    .put("conversationId", conversation)
                    .put("after", after)
                    .put("limit", 100)));
    return answer.future();
  }

  /** All of a conversation's messages, paging forward by seq. */
  private Future<JsonArray> readAll(
      Socket socket, String conversation, long after, JsonArray into) {
    return history(socket, conversation, after)
        .compose(
            page -> {
              JsonArray messages = page.getJsonArray("messages");
              into.addAll(messages);
              if (page.getBoolean("hasMore", false) && !messages.isEmpty()) {
                return readAll(
                    socket,
                    conversation,
                    messages.getJsonObject(messages.size() - 1).getLong("seq"),
                    into);
              }
              return Future.succeededFuture(into);
            });
  }

  /**
   * Every acked clientMsgId exactly once in its conversation's history; seqs 1..n without gap or
   * repeat.
   */
  Audit audit() throws Exception {
    long start = System.nanoTime();
    LongAdder lost = new LongAdder();
    LongAdder duplicated = new LongAdder();
    LongAdder seqFaults = new LongAdder();
    LongAdder checked = new LongAdder();
    int pairs = conversations.length / 2;
    await(
        bounded(
            pairs,
            16,
            pair ->
                readAll(sockets.get(2 * pair), conversations[2 * pair], 0, new JsonArray())
                    .map(
                        history -> {
                          Map<String, Integer> seen = new HashMap<>();
                          for (int i = 0; i < history.size(); i++) {
                            JsonObject message = history.getJsonObject(i);
                            if (message.getLong("seq") != i + 1) {
                              seqFaults.increment();
                            }
                            String clientMsgId = message.getString("clientMsgId");
                            if (clientMsgId != null) {
                              seen.merge(clientMsgId, 1, Integer::sum);
                            }
                          }
                          for (String acked :
                              ackedByConversation.getOrDefault(
                                  conversations[2 * pair], new ConcurrentLinkedQueue<>())) {
                            checked.increment();
                            Integer count = seen.get(acked);
                            if (count == null) {
                              lost.increment();
                            } else if (count > 1) {
                              duplicated.increment();
                            }
                          }
                          return null;
                        })),
        3600);
    return new Audit(
        pairs,
        (System.nanoTime() - start) / 1e9,
        checked.sum(),
        lost.sum(),
        duplicated.sum(),
        seqFaults.sum());
  }
}
