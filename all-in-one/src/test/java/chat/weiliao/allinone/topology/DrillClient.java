package chat.weiliao.allinone.topology;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One user's client as a real one behaves: it reconnects (through nginx) whenever its socket
 * closes, resends every unacked message with its original clientMsgId, retries a send the server
 * could not take (UNAVAILABLE), and fills gaps in its conversation with {@code history}. Each
 * client lives on one event loop; the test reads its state through the synchronized methods.
 */
final class DrillClient {
  /** Codes a client may retry with the same clientMsgId: the server did not (surely) store it. */
  private static final Set<String> RETRYABLE = Set.of("UNAVAILABLE", "INTERNAL", "RATE_LIMITED");

  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 3_000;

  final String phone;
  final String conversationId;
  private final String token;

  String token() {
    return token;
  }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;

  private WebSocket socket;
  private boolean ready;
  private boolean stopped;
  private CompletableFuture<Void> firstReady = new CompletableFuture<>();
  private final List<String> issued = new ArrayList<>();
  private final LinkedHashSet<String> pending = new LinkedHashSet<>();
  private final Map<String, Long> acked = new LinkedHashMap<>();
  private final TreeMap<Long, String> seen = new TreeMap<>();
  private final List<String> retriedErrors = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<Long> outages = new ArrayList<>();
  private long closedAt = -1;

  /** Consecutive failed connects, and consecutive refused sends: each doubles the next wait. */
  private int connectFailures;

  private int sendFailures;
  private int historyRequests;

  DrillClient(
      Vertx vertx,
      WebSocketClient client,
      int port,
      String phone,
      String token,
      String conversationId) {
    this.vertx = vertx;
    this.client = client;
    this.port = port;
    this.phone = phone;
    this.token = token;
    this.conversationId = conversationId;
  }

  /** Connects (retrying until it gets a socket); completes at the first session.ready. */
  CompletableFuture<Void> start() {
    connect();
    return firstReady;
  }

  synchronized void stop() {
    stopped = true;
    if (socket != null) {
      socket.close();
    }
  }

  /** Issues one message; it is sent now if connected, else after the reconnect. */
  synchronized void send(String clientMsgId) {
    issued.add(clientMsgId);
    pending.add(clientMsgId);
    if (ready) {
      write(clientMsgId);
    }
  }

  synchronized boolean settled() {
    return pending.isEmpty() && ready && historyRequests == 0;
  }

  /** Why not settled, for a failure message. */
  synchronized String state() {
    return (ready ? "ready" : "not-ready")
        + " pending="
        + pending.size()
        + " history="
        + historyRequests
        + " failures="
        + failures.size();
  }

  synchronized List<String> issued() {
    return List.copyOf(issued);
  }

  synchronized Map<String, Long> acked() {
    return Map.copyOf(acked);
  }

  synchronized Map<Long, String> seen() {
    return Map.copyOf(seen);
  }

  synchronized List<String> retriedErrors() {
    return List.copyOf(retriedErrors);
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /**
   * Milliseconds without a ready connection, one entry per outage (close to next session.ready).
   */
  synchronized List<Long> outages() {
    return List.copyOf(outages);
  }

  private void connect() {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/ws?access_token=" + token);
    client
        .connect(options)
        .onComplete(
            result -> {
              synchronized (this) {
                if (result.failed()) {
                  if (!stopped) {
                    vertx.setTimer(backoff(connectFailures++), retry -> connect());
                  }
                  return;
                }
                socket = result.result();
                socket.textMessageHandler(this::onFrame);
                socket.closeHandler(closed -> onClose());
                if (stopped) {
                  socket.close();
                }
              }
            });
  }

  private synchronized void onClose() {
    ready = false;
    socket = null;
    historyRequests = 0;
    if (closedAt < 0) {
      closedAt = System.currentTimeMillis();
    }
    if (!stopped) {
      vertx.setTimer(backoff(connectFailures++), retry -> connect());
    }
  }

  /** Exponential with full jitter, as a real client backs off so that retries never pile up. */
  private static long backoff(int failures) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures, 10));
    return 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling);
  }

  private synchronized void onFrame(String text) {
    JsonObject frame = new JsonObject(text);
    String type = frame.getString("type");
    String id = frame.getString("id");
    JsonObject payload = frame.getJsonObject("payload", new JsonObject());
    switch (type) {
      case "session.ready" -> onReady();
      case "message.new" -> onNew(payload.getJsonObject("message"));
      case "ack" -> onAck(id, payload);
      case "error" -> onError(id, payload);
      default -> {}
    }
  }

  private void onReady() {
    ready = true;
    connectFailures = 0;
    if (closedAt >= 0) {
      outages.add(System.currentTimeMillis() - closedAt);
      closedAt = -1;
    }
    if (conversationId != null) {
      requestHistory();
      pending.forEach(this::write);
    }
    firstReady.complete(null);
  }

  private void onAck(String id, JsonObject payload) {
    if (id == null) {
      return;
    }
    if (id.startsWith("s:")) {
      String clientMsgId = id.substring(2);
      JsonObject message = payload.getJsonObject("message");
      sendFailures = 0;
      acked.put(clientMsgId, message.getLong("seq"));
      pending.remove(clientMsgId);
      see(message);
    } else if (id.startsWith("h:")) {
      historyRequests--;
      JsonArray messages = payload.getJsonArray("messages");
      messages.forEach(message -> see((JsonObject) message));
      if (payload.getBoolean("hasMore") && !messages.isEmpty()) {
        requestHistory();
      }
    }
  }

  private void onError(String id, JsonObject payload) {
    String code = payload.getString("code");
    if (id != null && id.startsWith("h:") && RETRYABLE.contains(code)) {
      historyRequests--; // a read: ask again later
      retriedErrors.add(code);
      vertx.setTimer(backoff(sendFailures++), retry -> catchUp());
    } else if (id != null && id.startsWith("s:") && RETRYABLE.contains(code)) {
      String clientMsgId = id.substring(2);
      retriedErrors.add(code);
      vertx.setTimer(backoff(sendFailures++), retry -> resend(clientMsgId));
    } else {
      failures.add(id + " " + payload.encode());
    }
  }

  private synchronized void resend(String clientMsgId) {
    if (ready && pending.contains(clientMsgId)) {
      write(clientMsgId);
    }
  }

  /** Live delivery is best effort: a seq beyond the next one means something was missed. */
  private void onNew(JsonObject message) {
    boolean gap =
        conversationId != null
            && conversationId.equals(message.getString("conversationId"))
            && message.getLong("seq") > contiguous() + 1;
    see(message);
    if (gap && ready && historyRequests == 0) {
      requestHistory();
    }
  }

  /**
   * What a client does when its user comes back to the conversation: fetch anything after the last
   * seq it holds. A message whose live event was lost with a dying process, and that no later
   * message revealed as a gap, shows up here.
   */
  synchronized void catchUp() {
    if (ready && conversationId != null) {
      requestHistory();
    }
  }

  private void see(JsonObject message) {
    if (message != null
        && conversationId != null
        && conversationId.equals(message.getString("conversationId"))) {
      seen.put(message.getLong("seq"), message.getString("id"));
    }
  }

  /** History after the highest seq below which nothing is missing. */
  private long contiguous() {
    long contiguous = 0;
    for (long seq : seen.keySet()) {
      if (seq != contiguous + 1) {
        break;
      }
      contiguous = seq;
    }
    return contiguous;
  }

  private void requestHistory() {
    long contiguous = contiguous();
    historyRequests++;
    socket.writeTextMessage(
        new JsonObject()
            .put("type", "history")
            .put("id", "h:" + System.nanoTime())
            .put(
                "payload",
                new JsonObject()
                    .put("conversationId", conversationId)
                    .put("after", contiguous)
                    .put("limit", 100))
            .encode());
  }

  private void write(String clientMsgId) {
    socket.writeTextMessage(
        new JsonObject()
            .put("type", "message.send")
            .put("id", "s:" + clientMsgId)
            .put(
                "payload",
                new JsonObject()
                    .put("conversationId", conversationId)
                    .put("clientMsgId", clientMsgId)
                    .put("kind", "text")
                    .put("content", new JsonObject().put("text", clientMsgId)))
            .encode());
  }
}
