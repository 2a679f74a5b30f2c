package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract holds behind the project's own nginx config: every error nginx itself produces has
 * the JSON error body, floods from one address are limited, and the gateway's close codes reach the
 * client. nginx runs in front of an in-process server (and, for a dead upstream, in front of a port
 * nobody listens on).
 */
class NginxEdgeIT {
  private static AllInOne system;
  private static FrontNginx front;
  private static FrontNginx deadFront;
  private static Http direct;

  @BeforeAll
  static void start() throws Exception {
    system = TestSystem.startOwn("nginx-edge", Map.of("WEILIAO_TRUSTED_PROXIES", "127.0.0.1"));
    direct = new Http(system.port());
    front = FrontNginx.start(system.port());
    deadFront = FrontNginx.start(FrontNginx.freePort()); // nobody listens there
  }

  @AfterAll
  static void stop() throws Exception {
    front.close();
    deadFront.close();
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aRequestNginxCannotParseGetsTheJsonEnvelope() throws IOException {
    RawResponse response = get("127.0.0.1", front.port, "/api/users/%00");
    assertEquals(400, response.status);
    assertEquals("INVALID_ARGUMENT", response.errorCode());
    RawResponse metrics = get("127.0.0.1", front.port, "/metrics");
    assertEquals(403, metrics.status);
    assertEquals("FORBIDDEN", metrics.errorCode());
  }

  @Test
  void aDeadUpstreamIsUnavailableWithTheJsonEnvelope() throws IOException {
    RawResponse response = get("127.0.0.1", deadFront.port, "/api/users/me");
    assertEquals(503, response.status);
    assertEquals("UNAVAILABLE", response.errorCode());
    assertTrue(response.head.toLowerCase().contains("retry-after:"), response.head);
  }

  @Test
  void healthIsAskedOfTheServicesAtMostOnceASecond() throws IOException {
    RawResponse first = get("127.0.0.1", front.port, "/health");
    RawResponse second = get("127.0.0.1", front.port, "/health");
    assertEquals(200, first.status);
    assertEquals(200, second.status);
    assertTrue(
        second.head.contains("X-Cache-Status: HIT"),
        "within a second, the answer nginx keeps: " + second.head);
  }

  @Test
  void aFloodFromOneAddressIsRateLimitedWithTheJsonEnvelope() throws IOException {
    RawResponse last = null;
    // 127.0.0.2: loopback but not 127.0.0.1, which the config leaves unlimited for load generators.
    for (int i = 0; i < 400 && (last == null || last.status != 429); i++) {
      last = get("127.0.0.2", front.port, "/api/users/me");
    }
    assertEquals(429, last.status, "50 requests a second with a burst of 200");
    assertEquals("RATE_LIMITED", last.errorCode());
    assertTrue(last.head.toLowerCase().contains("retry-after:"), last.head);
  }

  @Test
  void aFrameOverTheLimitClosesWith1009ThroughNginx() throws IOException {
    Users.Account account = Users.register(direct);
    try (RawWebSocket raw = RawWebSocket.open(front.port, account.accessToken(), 0)) {
      // One byte over the limit: a bigger frame raced the close, whose reset could fail the rest
      // of the test's own write (a broken pipe) before the close frame was read.
      byte[] overLimit = new byte[64 * 1024 + 1];
      Arrays.fill(overLimit, (byte) 'x');
      raw.sendFrame(1, overLimit);
      assertEquals(1009, raw.readUntilClose());
    }
  }

  private record RawResponse(int status, String head, String body) {
    String errorCode() {
      return new JsonObject(body).getJsonObject("error").getString("code");
    }
  }

  /** One HTTP/1.1 GET on a fresh connection from the given local address, path sent as is. */
  private static RawResponse get(String from, int port, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      return new RawResponse(
          Integer.parseInt(all.substring(9, 12)),
          all.substring(0, split),
          all.substring(split + 4));
    }
  }
}
