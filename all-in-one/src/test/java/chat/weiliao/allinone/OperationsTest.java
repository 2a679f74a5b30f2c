package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OperationsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void healthNamesEveryCheck() {
    Http.Response health = http.get("/health", null);
    assertEquals(200, health.status(), health.text());
    assertEquals("UP", health.json().getString("status"));
    JsonArray checks = health.json().getJsonArray("checks");
    Set<String> names =
        checks.stream()
            .map(check -> ((JsonObject) check).getString("id"))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "redis",
            "mongo",
            "cluster",
            "user-service",
            "chat-service",
            "signaling-service",
            "moments-service"),
        names);
    checks.forEach(check -> assertEquals("UP", ((JsonObject) check).getString("status")));
  }

  @Test
  void metricsArePrometheusText() {
    Users.Account account = Users.register(http);
    try (WsClient socket = Friends.ready(system.port(), account.accessToken())) {
      socket.request("ping", new JsonObject());
      Http.Response metrics = http.get("/metrics", null);
      assertEquals(200, metrics.status());
      assertTrue(
          metrics.header("Content-Type").startsWith("text/plain"), metrics.header("Content-Type"));
      String text = metrics.text();
      assertTrue(text.contains("# TYPE weiliao_ws_connections gauge"), "connections gauge");
      assertTrue(text.contains("weiliao_ws_frames_received_total"), "frames counter");
      assertTrue(text.contains("vertx_http_server_requests_total"), "HTTP server metrics");
      assertTrue(text.contains("vertx_eventbus_"), "event bus metrics");
      assertTrue(
          text.contains("weiliao_bus_request_seconds_count{action=\"users.me\""),
          "bus request latencies");
    }
  }

  @Test
  void deepLinksGetTheWebClientWithSecurityHeaders() {
    Http.Response page = http.get("/chats/some/deep/link", null);
    assertEquals(200, page.status(), "a reload on any client route serves the app");
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    assertTrue(page.text().contains("<div id=\"root\""), "the app's page");
    assertEquals("no-cache", page.header("Cache-Control"));
    assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertEquals("DENY", page.header("X-Frame-Options"));
    java.util.regex.Matcher asset =
        java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(page.text());
    assertTrue(asset.find(), "the page loads a hashed script");
    Http.Response script = http.get(asset.group(), null);
    assertEquals(200, script.status());
    assertEquals("public, max-age=31536000, immutable", script.header("Cache-Control"));
    Http.Response api = http.get("/api/nothing", null);
    assertEquals(401, api.status(), "API routes never fall back to the page");
  }
}
