package chat.weiliao.allinone.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.allinone.Http;
import chat.weiliao.allinone.Users;
import chat.weiliao.allinone.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The services as five separate JVMs in one Hazelcast cluster, driven only through the gateway
 * process: accounts and WebSocket sessions work across processes, a logout closes the socket on
 * another node, and a SIGKILLed user-service shows up in the gateway's health.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTest {

  @Test
  void servicesInSeparateProcessesServeTheContractAndHealthNamesADeadService() {
    try (ProcessCluster cluster =
        ProcessCluster.builder()
            .node("user-service")
            .node("chat-service-1")
            .node("signaling-service")
            .node("moments-service")
            .node("gateway-1")
            .build()
            .start()) {
      JsonObject healthy = cluster.awaitHealthy("gateway-1");
      assertEquals("UP", healthy.getString("status"), healthy.encode());

      Http http = cluster.http("gateway-1");
      int port = cluster.httpPort("gateway-1");
      Users.Account registered = Users.register(http);
      Users.Account login = Users.login(http, registered.phone());

      try (WsClient socket = WsClient.connect(port, login.accessToken())) {
        JsonObject ready = socket.next();
        assertEquals("session.ready", ready.getString("type"), ready.encode());
        assertEquals(
            registered.phone(),
            ready.getJsonObject("payload").getJsonObject("user").getString("phone"));

        Http.Response logout = http.post("/api/auth/logout", null, login.accessToken());
        assertEquals(204, logout.status(), logout.text());
        assertEquals(4001, socket.awaitClose(2), "close code after logout");
      }
      assertEquals(401, http.get("/api/users/me", login.accessToken()).status());

      cluster.kill("user-service");
      JsonObject down =
          cluster.awaitHealth(
              "gateway-1",
              Duration.ofSeconds(20),
              "503 with user-service DOWN",
              response ->
                  response.statusCode() == 503
                      && "DOWN".equals(checkStatus(response.body(), "user-service")));
      assertEquals("DOWN", down.getString("status"), down.encode());
      assertEquals("UP", checkStatus(down.encode(), "chat-service"), down.encode());
      assertEquals("UP", checkStatus(down.encode(), "signaling-service"), down.encode());
      assertEquals("UP", checkStatus(down.encode(), "moments-service"), down.encode());
      assertEquals("UP", checkStatus(down.encode(), "redis"), down.encode());
    }
  }

  /** The status of the named check in a health body, or null when there is no such check. */
  private static String checkStatus(String body, String id) {
    try {
      JsonArray checks = new JsonObject(body).getJsonArray("checks");
      if (checks == null) {
        return null;
      }
      for (Object check : checks) {
        JsonObject entry = (JsonObject) check;
        if (id.equals(entry.getString("id"))) {
          return entry.getString("status");
        }
      }
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
