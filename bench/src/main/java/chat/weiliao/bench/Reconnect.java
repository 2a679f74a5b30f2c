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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * S4: N users in pairs, each with a "device" connection that tracks its conversation's last seq.
 * All devices disconnect; while they are away every user's other connection (opened for the
 * purpose, bounded) sends M messages to the partner, so each conversation gains 2M messages. Then
 * every device reconnects at a random moment within the window and fills its gap by seq with
 * history {after: lastSeq}; the figure is the time from the storm's start until the last device
 * holds every message, checked seq by seq.
 */
final class Reconnect {
  private final Map<String, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicLong requestIds = new AtomicLong();
  private final LongAdder retries = new LongAdder();
  private final Vertx vertx;

  private Reconnect(Vertx vertx) {
    this.vertx = vertx;
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    new Reconnect(vertx).run(vertx, options, report, options.integer("users", 10_000) / 2 * 2);
  }

  private void run(Vertx vertx, Options options, Report report, int users) throws Exception {
    int perUser = options.integer("messages", 10);
    int window = options.integer("window", 10);
    Users.Pairs pairs = Users.pairs(vertx, options, users);
    List<Api.Account> accounts = pairs.accounts();
    String[] conversations = pairs.conversations();
    Clients clients = new Clients(vertx, options);
    long[] known = new long[users];
    long connectStart = System.nanoTime();
    List<Socket> devices =
        await(
            bounded(
                users,
                200,
                i ->
                    clients
                        .open(i, accounts.get(i).token(), this::onText)
                        .map(
                            socket -> {
                              known[i] = lastSeq(socket.ready(), conversations[i]);
                              return socket;
                            })),
            3600);
    System.out.printf("%d devices online; disconnecting all%n", users);
    report.note(
        "S4 setup",
        String.format(
            Locale.ROOT,
            "%d devices connected in %.1f s",
            users,
            (System.nanoTime() - connectStart) / 1e9));
    await(bounded(users, 500, i -> devices.get(i).close()), 600);

    long sendStart = System.nanoTime();
    LongAdder acked = new LongAdder();
    await(
        bounded(
            users,
            options.integer("senders", 100),
            i ->
                clients
                    .open(i, accounts.get(i).token(), this::onText)
                    .compose(
                        sender ->
                            sendAll(sender, conversations[i], "s4-" + i, perUser)
                                .onSuccess(n -> acked.add(n))
                                .compose(n -> sender.close()))),
        3600);
    double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
    System.out.printf(
        "%d messages sent and acked while the devices were away, in %.1f s%n",
        acked.sum(), sendSeconds);

    Histogram perClient = Step.histogram();
    LongAdder missing = new LongAdder();
    LongAdder failures = new LongAdder();
    CountDownLatch synced = new CountDownLatch(users);
    long stormStart = System.nanoTime();
    AtomicLong lastSynced = new AtomicLong();
    for (int i = 0; i < users; i++) {
      int user = i;
      long delay = 1 + ThreadLocalRandom.current().nextLong(window * 1000L);
      vertx.setTimer(
          delay,
          id -> {
            long reconnectAt = System.nanoTime();
            clients
                .open(user, accounts.get(user).token(), this::onText)
                .compose(
                    device -> {
                      long target = lastSeq(device.ready(), conversations[user]);
                      if (target != known[user] + 2L * perUser) {
                        missing.add(Math.abs(known[user] + 2L * perUser - target));
                      }
                      return fill(device, conversations[user], known[user], target)
                          .compose(
                              got -> {
                                if (got != target - known[user]) {
                                  missing.add(Math.abs(target - known[user] - got));
                                }
                                return device.close();
                              });
                    })
                .onComplete(
                    done -> {
                      if (done.failed()) {
                        failures.increment();
                        System.err.println("device " + user + ": " + done.cause());
                      }
                      long now = System.nanoTime();
                      perClient.recordValue(
                          Math.min(now - reconnectAt, TimeUnit.SECONDS.toNanos(120)));
                      lastSynced.accumulateAndGet(now, Math::max);
                      synced.countDown();
                    });
          });
    }
    boolean all = synced.await(600, TimeUnit.SECONDS);
    double total = (lastSynced.get() - stormStart) / 1e9;
    report
        .table(
            "S4 reconnect storm",
            "users",
            "messages sent while away",
            "reconnect window s",
            "all synced after s",
            "reconnect → synced p50 / p95 / p99 / p99.9 / max ms",
            "history retries",
            "failed",
            "seqs missing")
        .row(
            users,
            acked.sum(),
            window,
            all ? String.format(Locale.ROOT, "%.1f", total) : "not within 600 s",
            Report.cell(perClient),
            retries.sum(),
            failures.sum(),
            missing.sum());
    report.plot("s4-reconnect-to-synced", users + " users", perClient);
  }

  private static long lastSeq(JsonObject ready, String conversation) {
    for (Object item : ready.getJsonArray("conversations")) {
      JsonObject summary = (JsonObject) item;
      if (conversation.equals(summary.getString("id"))) {
        return summary.getLong("lastSeq", 0L);
      }
    }
    return 0;
  }

  /** Sends count messages one after another (each after the previous ack); the number acked. */
  private Future<Integer> sendAll(Socket socket, String conversation, String key, int count) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (int k = 0; k < count; k++) {
      int n = k;
      chain =
          chain.compose(
              done ->
                  request(
                          socket,
                          "message.send",
                          new JsonObject()
                              .put("conversationId", conversation)
                              .put("clientMsgId", key + "-" + n)
                              .put("kind", "text")
                              .put("content", new JsonObject().put("text", "away " + n)))
                      .map(ack -> done + 1));
    }
    return chain;
  }

  /**
   * Pages history after {@code from} until {@code target}; the count of messages with the expected
   * seqs.
   */
  private Future<Long> fill(Socket socket, String conversation, long from, long target) {
    if (from >= target) {
      return Future.succeededFuture(0L);
    }
    return retried(
            socket,
            new JsonObject()
                .put("conversationId", conversation)
                .put("after", from)
                .put("limit", 100),
            5)
        .compose(
            page -> {
              JsonArray messages = page.getJsonArray("messages");
              long seq = from;
              long good = 0;
              for (int i = 0; i < messages.size(); i++) {
                long got = messages.getJsonObject(i).getLong("seq");
                if (got == seq + 1) {
                  good++;
                }
                seq = got;
              }
              if (messages.isEmpty()) {
                return Future.succeededFuture(good);
              }
              long counted = good;
              return fill(socket, conversation, seq, target).map(rest -> counted + rest);
            });
  }

  /**
   * A history request retried after 1 s on an error (UNAVAILABLE when the server is overloaded), as
   * a client would.
   */
  private Future<JsonObject> retried(Socket socket, JsonObject payload, int attempts) {
    return request(socket, "history", payload)
        .recover(
            failure -> {
              retries.increment();
              if (attempts <= 1) {
                return Future.failedFuture(failure);
              }
              Promise<Void> later = Promise.promise();
              vertx.setTimer(1000, id -> later.complete());
              return later.future().compose(done -> retried(socket, payload, attempts - 1));
            });
  }

  private Future<JsonObject> request(Socket socket, String type, JsonObject payload) {
    String id = "r" + requestIds.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    socket.send(new JsonObject().put("type", type).put("id", id).put("payload", payload));
    return answer.future();
  }

  private void onText(String text, long now) {
    String type = Frames.type(text);
    if ("ack".equals(type) || "error".equals(type)) {
      JsonObject frame = new JsonObject(text);
      Promise<JsonObject> waiting = pending.remove(frame.getString("id"));
      if (waiting != null) {
        if ("ack".equals(type)) {
          waiting.complete(frame.getJsonObject("payload"));
        } else {
          waiting.fail(frame.getJsonObject("payload").encode());
        }
      }
    }
  }
}
