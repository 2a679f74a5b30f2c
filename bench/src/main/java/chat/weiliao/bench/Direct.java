package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * S2 (and S5 through nginx): N online users in pairs of contacts; open-loop steps at fixed rates,
 * user k % N sending to its partner. Measures send → the partner's message.new and send → ack, the
 * rates achieved, and at the end audits via history that every acked message is stored exactly once.
 */
final class Direct {
  private final Options options;
  private final Report report;
  private final Map<String, Queue<String>> ackedByConversation = new ConcurrentHashMap<>();
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
  private final AtomicLong requestIds = new AtomicLong();
  private volatile Step step;

  private Direct(Options options, Report report) {
    this.options = options;
    this.report = report;
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    new Direct(options, report).run(vertx);
  }

  private void run(Vertx vertx) throws Exception {
    int users = options.integer("users", 10_000) / 2 * 2;
    Users.Pairs pairs = Users.pairs(vertx, options, users);
    List<Api.Account> accounts = pairs.accounts();
    String[] conversations = pairs.conversations();
    Clients clients = new Clients(vertx, options);
    long connectStart = System.nanoTime();
    List<Socket> sockets = await(bounded(users, 200, i -> clients.open(i, accounts.get(i).token(), this::onText)), 1800);
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    System.out.printf("%d sockets open in %.1f s (%.0f/s)%n", users, connectSeconds, users / connectSeconds);
    String padding = "x".repeat(options.integer("padding", 40));

    Report.Table table = report.table("S2 1:1 persisted messaging (" + users + " users online in pairs, "
            + clients.targets() + " target(s))",
        "offered msg/s", "acked msg/s", "delivered msg/s", "send → recipient p50 / p95 / p99 / p99.9 / max ms",
        "send → ack p50 / p95 / p99 / p99.9 / max ms", "sent", "acked", "delivered", "errors");
    int serverWarmup = options.integer("server-warmup", 60);
    List<Integer> rates = options.integers("rates", "1000,2000,5000,10000");
    long counter = 0;
    if (serverWarmup > 0) {
      // A cold server (interpreted, C2 still compiling) handles a fraction of its warm rate; load it
      // at the full warm-up rate at once and it builds a backlog that the measured steps inherit.
      int rate = options.integer("warmup-rate", rates.get(0));
      for (int share : new int[] {4, 2, 1}) {
        System.out.printf("server warm-up: %d s at %d msg/s (JIT), not measured%n", serverWarmup / 3, rate / share);
        counter += sendStep(new Step(Math.max(1, rate / share), System.nanoTime(), serverWarmup / 3, 0), sockets,
            conversations, counter, padding);
      }
    }
    ServerProbe.startJfr(options);
    for (int rate : rates) {
      Step current = new Step(rate, System.nanoTime(), options.integer("warmup", 5), options.integer("seconds", 20));
      long total = sendStep(current, sockets, conversations, counter, padding);
      counter += total;
      table.row(rate, fmt(current.ackedPerSecond()), fmt(current.deliveredPerSecond()), Report.cell(current.delivery),
          Report.cell(current.ack), total, current.acked.sum(), current.delivered.sum(), current.errors.sum());
      report.plot("s2-send-to-recipient", rate + "/s", current.delivery);
      report.plot("s2-send-to-ack", rate + "/s", current.ack);
      if (current.deliveredPerSecond() < 0.9 * rate || current.delivered.sum() < total
          || current.delivery.getValueAtPercentile(99) > 5_000_000_000L) {
        System.out.println("delivered rate fell below 90% of offered, or p99 over 5 s: breaking point");
        break;
      }
    }
    step = null;
    ServerProbe.stopJfr(options);
    if (!errorCodes.isEmpty()) {
      report.note("S2 errors", "error frames by code: " + errorCodes);
    }
    audit(sockets, conversations, users);
  }

  /** Sends open-loop at the step's rate until its window ends, then waits for the deliveries. */
  private long sendStep(Step current, List<Socket> sockets, String[] conversations, long base, String padding) {
    step = current;
    int users = conversations.length;
    long total = OpenLoop.run(current.rate, current.windowEnd - System.nanoTime(), (index, intended) -> {
      int user = (int) ((base + index) % users);
      current.sent.increment();
      sockets.get(user).send("{\"type\":\"message.send\",\"id\":\"" + intended + "\",\"payload\":{\"conversationId\":\""
          + conversations[user] + "\",\"clientMsgId\":\"m" + (base + index) + "\",\"kind\":\"text\",\"content\":{\"text\":\""
          + intended + " " + padding + "\"}}}");
    });
    current.drain(total, options.integer("drain", 60));
    Async.sleep(500);
    return total;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private void onText(String text, long now) {
    String type = Frames.type(text);
    if ("message.new".equals(type)) {
      Step current = step;
      if (current != null) {
        current.onDelivery(Frames.leadingNumber(text, "text"), now);
      }
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
        errorCodes.computeIfAbsent(frame.getJsonObject("payload").getString("code"), k -> new LongAdder()).increment();
        if (current != null) {
          current.errors.increment();
        }
        return;
      }
      JsonObject message = frame.getJsonObject("payload").getJsonObject("message");
      ackedByConversation.computeIfAbsent(message.getString("conversationId"), k -> new ConcurrentLinkedQueue<>())
          .add(message.getString("clientMsgId"));
      if (current != null) {
        current.onAck(Long.parseLong(id), now);
      }
    }
  }

  /** A history request over the socket, answered by its ack. */
  private Future<JsonObject> history(Socket socket, String conversation, long after) {
    String id = "h" + requestIds.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    socket.send(new JsonObject().put("type", "history").put("id", id).put("payload",
        new JsonObject().put("conversationId", conversation).put("after", after).put("limit", 100)));
    return answer.future();
  }

  /** All of a conversation's messages, paging forward by seq. */
  private Future<JsonArray> readAll(Socket socket, String conversation, long after, JsonArray into) {
    return history(socket, conversation, after).compose(page -> {
      JsonArray messages = page.getJsonArray("messages");
      into.addAll(messages);
      if (page.getBoolean("hasMore", false) && !messages.isEmpty()) {
        return readAll(socket, conversation, messages.getJsonObject(messages.size() - 1).getLong("seq"), into);
      }
      return Future.succeededFuture(into);
    });
  }

  /** Every acked clientMsgId exactly once in its conversation's history; seqs 1..n without gap or repeat. */
  private void audit(List<Socket> sockets, String[] conversations, int users) throws Exception {
    long start = System.nanoTime();
    LongAdder lost = new LongAdder();
    LongAdder duplicated = new LongAdder();
    LongAdder seqFaults = new LongAdder();
    LongAdder checked = new LongAdder();
    await(bounded(users / 2, 16, pair -> readAll(sockets.get(2 * pair), conversations[2 * pair], 0, new JsonArray())
        .map(history -> {
          Map<String, Integer> seen = new java.util.HashMap<>();
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
          for (String acked : ackedByConversation.getOrDefault(conversations[2 * pair], new ConcurrentLinkedQueue<>())) {
            checked.increment();
            Integer count = seen.get(acked);
            if (count == null) {
              lost.increment();
            } else if (count > 1) {
              duplicated.increment();
            }
          }
          return null;
        })), 3600);
    report.note("S2 audit", String.format(Locale.ROOT, "Audit by history over %d conversations in %.1f s: %d acked "
            + "messages checked, %d lost, %d duplicated, %d seq gaps or repeats.", users / 2,
        (System.nanoTime() - start) / 1e9, checked.sum(), lost.sum(), duplicated.sum(), seqFaults.sum()));
  }
}
