package chat.weiliao.allinone.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.allinone.Http;
import chat.weiliao.allinone.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The five failure drills of the clustered topology, run by {@code scripts/topology.sh} as plain
 * processes behind Debian's nginx; every client goes through nginx only. Figures are printed as
 * {@code [drill]} lines and appended to {@code target/topology-drills.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@ExtendWith(TopologyDrillsIT.PrintFailures.class)
class TopologyDrillsIT {
  /** A drill's failure in the log as it happens, next to the topology's own lines. */
  static final class PrintFailures implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      System.out.println("[drill] FAILED " + context.getDisplayName() + ": " + cause);
    }
  }

  private static final Path REPORT = Path.of("target", "topology-drills.txt");

  /** 50 messages a second, as issue 7 asks. */
  private static final long LOAD_PERIOD_MILLIS = 20;

  private static final int LOAD_USERS = 200;

  private static Topology topology;
  private static Vertx vertx;

  /** Held for the whole run: a collected client kills its handshakes. */
  private static WebSocketClient sockets;

  private static Http http;

  @BeforeAll
  static void start() throws IOException {
    Files.deleteIfExists(REPORT);
    topology =
        Topology.start(
            Path.of("target", "weiliao-all-in-one.jar"),
            Map.of(
                "WEILIAO_BCRYPT_COST", "4",
                "WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR", "1000000",
                "WEILIAO_CONTACT_REQUESTS_PER_HOUR", "1000000",
                "WEILIAO_MAX_CONNECTIONS_PER_ADDRESS", "100000"));
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(20_000).setConnectTimeout(10_000));
    http = new Http(topology.httpPort);
  }

  @AfterAll
  static void stop() {
    if (topology != null) {
      topology.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @Order(1)
  void usersOnDifferentGatewaysChatSeePresenceReadAndCall() {
    List<Population.User> users = new Population(topology.httpPort).register(2);
    Population.User alice = users.get(0);
    Population.User bob = users.get(1);
    String conversation = new Population(topology.httpPort).pair(users).get(0);
    List<WsClient> spare = new ArrayList<>();
    try (WsClient a = ready(alice)) {
      int aliceGateway = awaitCount(1)[0] == 1 ? 0 : 1;
      WsClient b = null;
      int[] before = connections();
      for (int attempt = 0; attempt < 6 && b == null; attempt++) {
        WsClient candidate = ready(bob);
        int[] after = awaitCount(before[0] + before[1] + 1);
        if (after[aliceGateway] == before[aliceGateway]) {
          b = candidate;
        } else {
          spare.add(
              candidate); // nginx chose Alice's gateway; keep it open so it chooses the other next
        }
        before = after;
      }
      assertTrue(b != null, "no socket of Bob's reached the other gateway");
      spare.forEach(WsClient::close);
      try (WsClient bobSocket = b) {
        JsonObject online =
            a.await(
                f ->
                    "presence".equals(f.getString("type"))
                        && bob.phone().equals(f.getJsonObject("payload").getString("phone")));
        assertTrue(online.getJsonObject("payload").getBoolean("online"));
        JsonObject contact =
            http.get("/api/contacts", alice.token())
                .json()
                .getJsonArray("contacts")
                .getJsonObject(0);
        assertTrue(contact.getBoolean("online"), contact.encode());

        JsonObject sent =
            ack(a.request("message.send", text(conversation, "你好, across gateways")))
                .getJsonObject("message");
        JsonObject received =
            bobSocket.awaitType("message.new").getJsonObject("payload").getJsonObject("message");
        assertEquals(sent.getString("id"), received.getString("id"));
        ack(
            bobSocket.request(
                "message.read",
                new JsonObject()
                    .put("conversationId", conversation)
                    .put("seq", received.getLong("seq"))));
        JsonObject read = a.awaitType("message.read").getJsonObject("payload");
        assertEquals(bob.phone(), read.getString("reader"));
        assertEquals(received.getLong("seq"), read.getLong("seq"));

        String callId =
            ack(a.request(
                    "invite-offer", new JsonObject().put("to", bob.phone()).put("media", "video")))
                .getString("callId");
        assertEquals(
            callId,
            bobSocket.awaitType("invite-offer").getJsonObject("payload").getString("callId"));
        ack(bobSocket.request("invite-accept", new JsonObject().put("callId", callId)));
        a.awaitType("invite-accept");
        ack(
            a.request(
                "video-offer", new JsonObject().put("callId", callId).put("sdp", "v=0 offer")));
        assertEquals(
            alice.phone(),
            bobSocket.awaitType("video-offer").getJsonObject("payload").getString("from"));
        ack(
            bobSocket.request(
                "video-answer", new JsonObject().put("callId", callId).put("sdp", "v=0 answer")));
        assertEquals(
            "v=0 answer", a.awaitType("video-answer").getJsonObject("payload").getString("sdp"));
        ack(a.request("hang-up", new JsonObject().put("callId", callId)));
        bobSocket.awaitType("hang-up");
        for (WsClient side : List.of(a, bobSocket)) {
          JsonObject record =
              side.await(
                  f ->
                      "message.new".equals(f.getString("type"))
                          && "call"
                              .equals(
                                  f.getJsonObject("payload")
                                      .getJsonObject("message")
                                      .getString("kind")));
          assertEquals(
              "completed",
              record
                  .getJsonObject("payload")
                  .getJsonObject("message")
                  .getJsonObject("content")
                  .getString("result"));
        }
      }
      JsonObject offline =
          a.await(
              f ->
                  "presence".equals(f.getString("type"))
                      && !f.getJsonObject("payload").getBoolean("online"));
      assertEquals(bob.phone(), offline.getJsonObject("payload").getString("phone"));
    } finally {
      spare.forEach(WsClient::close);
    }
  }

  @Test
  @Order(2)
  void aGatewayKilledUnderLoadLosesNoAckedMessage() {
    try (Load load = killedUnderLoad("gateway-1")) {
      int checked = Audit.check(http, load);
      List<Long> outages =
          load.clients.stream().flatMap(c -> c.outages().stream()).sorted().toList();
      report(
          "gateway-1 SIGKILLed under %d users at 50 msg/s: %d of them reconnected through nginx; without a "
              + "connection p50 %d ms, max %d ms (from the close they saw to session.ready on gateway-2); %d messages "
              + "audited, every one exactly once in order; %d sends answered UNAVAILABLE and retried",
          LOAD_USERS,
          outages.size(),
          percentile(outages, 50),
          percentile(outages, 100),
          checked,
          load.retriedErrors());
      assertTrue(
          outages.size() >= LOAD_USERS / 4,
          "about half the clients were on gateway-1: " + outages.size());
    } finally {
      topology.restart("gateway-1");
    }
  }

  @Test
  @Order(3)
  void aChatServiceKilledUnderLoadDuplicatesNothing() {
    try (Load load = killedUnderLoad("chat-service-1")) {
      int checked = Audit.check(http, load);
      report(
          "chat-service-1 SIGKILLed under %d users at 50 msg/s: %d sends answered UNAVAILABLE and retried with "
              + "their clientMsgId; %d messages audited, no duplicate, none lost",
          LOAD_USERS, load.retriedErrors(), checked);
    } finally {
      topology.restart("chat-service-1");
    }
  }

  @Test
  @Order(4)
  void aRollingRestartOfEveryServiceUnderLoadLosesNothing() {
    try (Load load = Load.of(vertx, sockets, topology.httpPort, LOAD_USERS)) {
      load.run(LOAD_PERIOD_MILLIS);
      load.awaitProgress(100, 30);
      long started = System.currentTimeMillis();
      for (String service : Topology.SERVICES) {
        topology.restart(service);
        load.awaitProgress(100, 60);
      }
      long took = System.currentTimeMillis() - started;
      load.drain(60);
      int checked = Audit.check(http, load);
      List<Long> outages =
          load.clients.stream().flatMap(c -> c.outages().stream()).sorted().toList();
      List<String> errors = load.clients.stream().flatMap(c -> c.retriedErrors().stream()).toList();
      report(
          "rolling restart of %s under %d users at 50 msg/s took %d s: %d reconnects (p50 %d ms, max %d ms without "
              + "a connection), %d sends answered with an error and retried %s; %d messages audited",
          Topology.SERVICES,
          LOAD_USERS,
          took / 1000,
          outages.size(),
          percentile(outages, 50),
          percentile(outages, 100),
          errors.size(),
          errors,
          checked);
      // Every send ended acked exactly once (the audit above) and no client got an error it could
      // not retry. A few sends (2 of ~6,000 in the runs so far) were answered UNAVAILABLE in the
      // switch-over and retried by the client with their clientMsgId: reported, not hidden.
      assertTrue(
          errors.stream().allMatch("UNAVAILABLE"::equals), "only retryable errors: " + errors);
    }
  }

  @Test
  @Order(5)
  void aConnectStormOf5000Users() throws Exception {
    int users = 5000;
    Map<String, Long> heapBefore = heapOfEveryMember();
    List<Population.User> registered = new Population(topology.httpPort).register(users);
    List<DrillClient> clients =
        registered.stream()
            .map(
                user ->
                    new DrillClient(
                        vertx, sockets, topology.httpPort, user.phone(), user.token(), null))
            .toList();
    long started = System.nanoTime();
    try {
      CompletableFuture.allOf(
              clients.stream().map(DrillClient::start).toArray(CompletableFuture[]::new))
          .get(240, TimeUnit.SECONDS);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      int[] perGateway = awaitCount(users);
      Map<String, Long> heapAfter = heapOfEveryMember();
      StringBuilder heaps = new StringBuilder();
      heapAfter.forEach(
          (member, used) ->
              heaps.append(
                  String.format(
                      "%s %d -> %d MiB; ", member, heapBefore.get(member) >> 20, used >> 20)));
      report(
          "connect storm: %d users opened a WebSocket through nginx at once; all had session.ready after %d ms "
              + "(%d + %d per gateway, one user.<phone> consumer each); heap used after a full GC, before -> after: %s",
          users, took, perGateway[0], perGateway[1], heaps);
    } finally {
      clients.forEach(DrillClient::stop);
    }
    awaitCount(0);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Starts the load, SIGKILLs {@code node} once messages flow, and returns once they flow again and
   * every client has settled; the caller audits and closes the load.
   */
  private static Load killedUnderLoad(String node) {
    Load load = Load.of(vertx, sockets, topology.httpPort, LOAD_USERS);
    try {
      load.run(LOAD_PERIOD_MILLIS);
      load.awaitProgress(250, 30);
      topology.kill(node);
      load.awaitProgress(250, 60);
      load.drain(60);
      return load;
    } catch (RuntimeException | Error failure) {
      load.close();
      throw failure;
    }
  }

  private static WsClient ready(Population.User user) {
    WsClient socket = WsClient.connect(topology.httpPort, user.token());
    assertEquals("session.ready", socket.next().getString("type"));
    return socket;
  }

  /**
   * Open sockets on each gateway, from its own /metrics (the gateways are reachable directly). A
   * fresh client each time: a pooled connection may belong to a gateway process restarted since.
   */
  private static int[] connections() {
    int[] counts = new int[2];
    for (int i = 0; i < 2; i++) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      try {
        String metrics =
            client
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + topology.gatewayPorts[i] + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        counts[i] =
            (int)
                metrics
                    .lines()
                    .filter(line -> line.startsWith("weiliao_ws_connections "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                    .sum();
      } catch (IOException e) {
        counts[i] = -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return counts;
  }

  private static int[] awaitCount(int total) {
    int[][] last = new int[1][];
    Load.await(
        () -> {
          last[0] = connections();
          return last[0][0] + last[0][1] == total;
        },
        30,
        "gateways never held " + total + " sockets in all");
    return last[0];
  }

  /** Heap in use on every service JVM after a full collection (jcmd GC.run, then GC.heap_info). */
  private static Map<String, Long> heapOfEveryMember() throws IOException, InterruptedException {
    Map<String, Long> used = new java.util.LinkedHashMap<>();
    for (String member : Topology.SERVICES) {
      long pid = topology.pid(member);
      jcmd(pid, "GC.run");
      long bytes = 0;
      for (String line : jcmd(pid, "GC.heap_info").lines().toList()) {
        java.util.regex.Matcher matcher =
            java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K")
                .matcher(line);
        if (matcher.find()) {
          bytes += Long.parseLong(matcher.group(1)) * 1024;
        }
      }
      used.put(member, bytes);
    }
    return used;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "jcmd " + command);
    return out;
  }

  private static JsonObject text(String conversation, String text) {
    return new JsonObject()
        .put("conversationId", conversation)
        .put("clientMsgId", java.util.UUID.randomUUID().toString())
        .put("kind", "text")
        .put("content", new JsonObject().put("text", text));
  }

  private static JsonObject ack(JsonObject frame) {
    assertEquals("ack", frame.getString("type"), frame.encode());
    return frame.getJsonObject("payload");
  }

  private static long percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void report(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println("[drill] " + line);
    try {
      Files.writeString(REPORT, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
