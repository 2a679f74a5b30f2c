package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The durable default store keeps every acknowledged message through a SIGKILL: the all-in-one runs
 * as a process of its own on the default (file) store, ten senders write into ten conversations,
 * the process is killed while sends are in flight and started again on the same directory, and
 * every conversation's history holds each acknowledged message exactly once, with seqs 1..n and no
 * gap.
 */
class DurableCrashTest {
  private static final int PAIRS = 10;
  private static final int ACKS_BEFORE_THE_KILL = 400;

  @Test
  void everyAcknowledgedMessageSurvivesAKillOnceAndInOrder() throws Exception {
    Path dataDir = Files.createTempDirectory("weiliao-crash");
    int port = freePort();
    AllInOneProcess server = AllInOneProcess.start(dataDir, port);
    Http http = new Http(port);
    List<Users.Account> senders = new ArrayList<>();
    Map<String, Users.Account> readers = new HashMap<>();
    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      Users.Account sender = Users.register(http);
      Users.Account reader = Users.register(http);
      String conversation = Friends.make(http, sender, reader);
      senders.add(sender);
      conversations.add(conversation);
      readers.put(conversation, reader);
    }

    Map<String, Queue<String>> acked = sendUntilKilled(server, port, senders, conversations);

    AllInOneProcess restarted = AllInOneProcess.start(dataDir, port);
    try {
      int audited = 0;
      for (String conversation : conversations) {
        audited +=
            audit(
                http,
                conversation,
                readers.get(conversation).accessToken(),
                acked.get(conversation));
      }
      assertTrue(audited >= ACKS_BEFORE_THE_KILL, "audited " + audited);
    } finally {
      restarted.stop();
    }
  }

  /** One thread per sender sends as fast as its acks come; the server is killed mid-stream. */
  private static Map<String, Queue<String>> sendUntilKilled(
      AllInOneProcess server, int port, List<Users.Account> senders, List<String> conversations)
      throws Exception {
    Map<String, Queue<String>> acked = new HashMap<>();
    CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_THE_KILL);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      String conversation = conversations.get(i);
      Queue<String> ackedHere = new ConcurrentLinkedQueue<>();
      acked.put(conversation, ackedHere);
      WsClient socket = Friends.ready(port, senders.get(i).accessToken());
      Thread sender =
          new Thread(() -> sendWhileUp(socket, conversation, ackedHere, enoughAcks), "sender-" + i);
      sender.start();
      threads.add(sender);
    }
    assertTrue(
        enoughAcks.await(60, TimeUnit.SECONDS),
        "the senders got " + ACKS_BEFORE_THE_KILL + " acks");
    server.kill();
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    return acked;
  }

  /** Sends until the connection fails; remembers the clientMsgId of every acked message. */
  private static void sendWhileUp(
      WsClient socket, String conversation, Queue<String> acked, CountDownLatch acks) {
    try (socket) {
      for (int i = 0; ; i++) {
        JsonObject send = Friends.text(conversation, "crash test " + i);
        JsonObject reply = socket.request("message.send", send);
        if ("ack".equals(reply.getString("type"))) {
          acked.add(send.getString("clientMsgId"));
          acks.countDown();
        }
        // Under the 100 frames a second a connection may send.
        Thread.sleep(12);
      }
    } catch (AssertionError | RuntimeException | InterruptedException connectionGone) {
      // the server was killed: what was acked is what counts
    }
  }

  /** The whole history: each acked message exactly once, seqs 1..n. Returns how many were acked. */
  private static int audit(Http http, String conversation, String token, Queue<String> acked) {
    List<JsonObject> history = History.read(http, token, conversation);
    List<String> stored = new ArrayList<>();
    for (JsonObject message : history) {
      assertEquals(
          stored.size() + 1L, message.getLong("seq"), "no gap and no repeat in " + conversation);
      stored.add(message.getString("clientMsgId"));
    }
    for (String clientMsgId : acked) {
      assertEquals(
          1,
          stored.stream().filter(clientMsgId::equals).count(),
          "acked message " + clientMsgId + " stored exactly once in " + conversation);
    }
    return acked.size();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The all-in-one as a process of its own, on the default durable store. */
  private record AllInOneProcess(Process process) {
    static AllInOneProcess start(Path dataDir, int port) throws Exception {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  AllInOneMain.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(key -> key.startsWith("WEILIAO_"));
      env.putAll(
          Map.of(
              "WEILIAO_DATA_DIR",
              dataDir.toString(),
              "WEILIAO_HTTP_HOST",
              "127.0.0.1",
              "WEILIAO_HTTP_PORT",
              Integer.toString(port),
              "WEILIAO_BCRYPT_COST",
              "4"));
      AllInOneProcess server = new AllInOneProcess(builder.start());
      server.awaitHealthy(new Http(port));
      return server;
    }

    /** Polls /health until the process answers 200 (it opens the store first). */
    private void awaitHealthy(Http http) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline && process.isAlive()) {
        try {
          if (http.get("/health", null).status() == 200) {
            return;
          }
        } catch (RuntimeException notListeningYet) {
          // connection refused until the gateway is up
        }
        Thread.sleep(100);
      }
      throw new AssertionError("the all-in-one did not become healthy (see server.log)");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
