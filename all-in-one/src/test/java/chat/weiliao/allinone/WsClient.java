package chat.weiliao.allinone;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test WebSocket client with blocking reads. Every frame the server sends is queued; tests take
 * them in order or wait for one that matches. Each event taken is checked against the server's
 * catalogue ({@link ContractCheck}).
 */
public final class WsClient implements AutoCloseable {
  private static final Vertx vertx = Vertx.vertx();

  /** Held for the whole run: a collected client kills its handshakes. */
  private static final WebSocketClient client =
      vertx.createWebSocketClient(
          new WebSocketClientOptions().setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024));

  private final ClientWebSocket socket = client.webSocket();
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  /**
   * The handlers are set before the handshake: the server may send session.ready right after the
   * 101, and a frame that arrives before its handler is set is lost (which made tests wait 10 s for
   * a session.ready the server had sent, now and then, on a loaded machine).
   */
  private WsClient() {
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(done -> closed.complete(socket.closeStatusCode()));
  }

  public static WsClient connect(int port, String token) {
    WsClient ws = new WsClient();
    try {
      ws.socket.connect(options(port, token, null)).await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("connect timed out", e);
    }
    return ws;
  }

  /** Tries to connect and returns the failure (e.g. a rejected handshake), or null on success. */
  public static Throwable connectFailure(int port, String token) {
    return connectFailure(port, token, null);
  }

  /** Like {@link #connectFailure(int, String)}, sending an Origin header when one is given. */
  public static Throwable connectFailure(int port, String token, String origin) {
    try {
      open(port, token, origin).close();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() == null ? e : e.getCause();
    }
  }

  private static WebSocket open(int port, String token) {
    return open(port, token, null);
  }

  private static WebSocket open(int port, String token, String origin) {
    try {
      return client.connect(options(port, token, origin)).await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("connect timed out", e);
    }
  }

  private static WebSocketConnectOptions options(int port, String token, String origin) {
    String uri = token == null ? "/ws" : "/ws?access_token=" + token;
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    if (origin != null) {
      options.setAllowOriginHeader(true).addHeader("Origin", origin);
    }
    return options;
  }

  public void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  public void sendText(String text) {
    socket.writeTextMessage(text);
  }

  public void sendBinary(byte[] bytes) {
    socket.writeBinaryMessage(Buffer.buffer(bytes));
  }

  /** Sends a request frame with a fresh id and waits for its ack or error. */
  public JsonObject request(String type, JsonObject payload) {
    String id = UUID.randomUUID().toString();
    send(new JsonObject().put("type", type).put("id", id).put("payload", payload));
    return await(frame -> id.equals(frame.getString("id")));
  }

  /** The next frame, whatever it is. */
  public JsonObject next() {
    return poll(10);
  }

  /** Waits for a frame matching the predicate, dropping the frames before it. */
  public JsonObject await(Predicate<JsonObject> matches) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject frame = poll(Math.max(1, (deadline - System.currentTimeMillis()) / 1000));
      if (matches.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame within 10 s");
  }

  /** Asserts that no matching frame arrives within the given time; others are dropped. */
  public void assertNone(Predicate<JsonObject> matches, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    try {
      for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
        JsonObject frame = frames.poll(left, TimeUnit.MILLISECONDS);
        if (frame != null && matches.test(ContractCheck.conforming(frame))) {
          throw new AssertionError("unexpected frame " + frame.encode());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public JsonObject awaitType(String type) {
    return await(frame -> type.equals(frame.getString("type")));
  }

  /** Waits until one frame of each type has arrived, in any order; other frames are dropped. */
  public java.util.Map<String, JsonObject> awaitTypes(String... types) {
    java.util.Map<String, JsonObject> found = new java.util.HashMap<>();
    java.util.Set<String> wanted = java.util.Set.of(types);
    while (found.size() < wanted.size()) {
      JsonObject frame =
          await(
              f -> wanted.contains(f.getString("type")) && !found.containsKey(f.getString("type")));
      found.put(frame.getString("type"), frame);
    }
    return found;
  }

  /** Waits for the server to close the socket and returns the close code. */
  public short awaitClose(long seconds) {
    try {
      return closed.get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + seconds + " s", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Frames received and not yet taken. */
  public int pending() {
    return frames.size();
  }

  private JsonObject poll(long seconds) {
    try {
      JsonObject frame = frames.poll(seconds, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + seconds + " s");
      }
      return ContractCheck.conforming(frame);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.close();
    }
  }
}
