package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of its own with tight limits and no trusted proxy: the per-address socket cap, a
 * client-sent X-Forwarded-For that must not be believed, and a slow consumer's bounded backlog.
 */
class StrictLimitsTest {
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    system =
        TestSystem.startOwn(
            "strict",
            Map.of(
                "WEILIAO_TRUSTED_PROXIES", "",
                "WEILIAO_MAX_CONNECTIONS_PER_ADDRESS", "3",
                "WEILIAO_WS_MAX_BUFFER", "16384"));
    http = new Http(system.port());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void oneAddressHoldsAtMostItsCap() {
    List<WsClient> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        sockets.add(Friends.ready(system.port(), Users.register(http).accessToken()));
      }
      Throwable fourth = WsClient.connectFailure(system.port(), Users.register(http).accessToken());
      assertEquals(429, assertInstanceOf(UpgradeRejectedException.class, fourth).getStatus());
    } finally {
      sockets.forEach(WsClient::close);
    }
  }

  @Test
  void aClientCannotChooseItsAddressWithXForwardedFor() {
    String phone = Users.register(http).phone();
    for (int i = 0; i < 10; i++) {
      Http.Response failed =
          http.send(
              http.builder("/api/auth/login", null)
                  .header("X-Forwarded-For", "198.51.100." + i)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          new JsonObject()
                              .put("phone", phone)
                              .put("password", "wrong password")
                              .encode())));
      assertEquals(401, failed.status());
    }
    Http.Response locked =
        http.send(
            http.builder("/api/auth/login", null)
                .header("X-Forwarded-For", "203.0.113.77")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject()
                            .put("phone", phone)
                            .put("password", Users.PASSWORD)
                            .encode())));
    assertEquals(429, locked.status(), "the phone is locked whatever address the client claims");
  }

  @Test
  void aClientThatNeverReadsIsClosedInsteadOfBuffered() throws Exception {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient writer = Friends.ready(system.port(), alice.accessToken())) {
      String big = "大".repeat(4000);
      Friends.sendMany(writer, conversation, 60, big);
    }
    double droppedBefore = slowConsumersDropped();
    try (RawWebSocket reader = RawWebSocket.open(system.port(), bob.accessToken(), 4096)) {
      // Each history answer is about 255 KB; 80 of them would be 20 MB if the server kept them all.
      for (int i = 0; i < 80; i++) {
        reader.sendText(
            new JsonObject()
                .put("type", "history")
                .put("id", "h" + i)
                .put(
                    "payload",
                    new JsonObject().put("conversationId", conversation).put("limit", 100))
                .encode());
      }
      // Not one byte is read until the server says it dropped a slow consumer: a client that
      // read early would be a client that reads, and rightly get all 80 answers.
      long deadline = System.currentTimeMillis() + 30_000;
      while (slowConsumersDropped() == droppedBefore && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(
          droppedBefore + 1,
          slowConsumersDropped(),
          "the server dropped the reader as a slow consumer");
      int closeCode = reader.readUntilClose();
      assertTrue(
          closeCode == 1008 || closeCode == -1, "closed for policy, or cut off: " + closeCode);
      // What still arrives is what the kernels' socket buffers held (a few MB on loopback) plus the
      // bound.
      assertTrue(
          reader.bytesRead < 10_000_000,
          "the server stopped queueing at its bound instead of buffering 20 MB: "
              + reader.bytesRead
              + " bytes");
    }
  }

  @Test
  void oneAnswerLargerThanTheBoundDoesNotDropAClientThatReads() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    try (WsClient writer = Friends.ready(system.port(), alice.accessToken())) {
      Friends.sendMany(writer, conversation, 60, "大".repeat(4000));
    }
    try (WsClient reader = Friends.ready(system.port(), bob.accessToken())) {
      // About 255 KB in one frame, sixteen times the 16 KiB bound: the server chose to send it.
      JsonObject page =
          reader.request(
              "history", new JsonObject().put("conversationId", conversation).put("limit", 100));
      assertEquals("ack", page.getString("type"), page.encode().substring(0, 200));
      assertEquals(
          "pong", reader.request("ping", new JsonObject()).getString("type"), "still open");
    }
  }

  /** The server's count of sockets dropped for not reading (its counter metric). */
  private static double slowConsumersDropped() {
    return http.get("/metrics", null)
        .text()
        .lines()
        .filter(line -> line.startsWith("weiliao_ws_slow_consumers_dropped_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }
}
