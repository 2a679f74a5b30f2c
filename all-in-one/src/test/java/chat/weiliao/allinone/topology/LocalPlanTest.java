package chat.weiliao.allinone.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/docker-compose.yml as the local tool plans it: the local rule, the order, nginx's
 * includes.
 */
class LocalPlanTest {
  private static final Path COMPOSE =
      Path.of("..", "docker", "docker-compose.yml").toAbsolutePath().normalize();

  @TempDir Path runDir;

  private Settings settings(int shift) {
    return new Settings(
        COMPOSE,
        runDir,
        null,
        "java",
        "nginx",
        "redis-server",
        "turnserver",
        Integer.toString(shift),
        "off",
        Duration.ZERO,
        Duration.ZERO,
        Map.of("WEILIAO_BCRYPT_COST", "4"),
        "app.jar");
  }

  private LocalPlan plan(int shift) throws Exception {
    return new LocalPlan(ComposeFile.read(COMPOSE, Map.of("TURN_SECRET", "s")), settings(shift));
  }

  private static Component component(LocalPlan plan, String name) {
    return plan.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void composeEnvironmentBecomesLocalByTheRule() throws Exception {
    LocalPlan plan = plan(1000);
    Map<String, String> chat = component(plan, "chat-service-2").environment();
    assertEquals("6703", chat.get("WEILIAO_CLUSTER_PORT"), "5701 + offset 2 + shift 1000");
    assertEquals("9093", chat.get("WEILIAO_HEALTH_PORT"));
    assertEquals("127.0.0.1", chat.get("WEILIAO_CLUSTER_PUBLIC_HOST"));
    assertEquals("127.0.0.1", chat.get("WEILIAO_CLUSTER_HOST"), "0.0.0.0 binds loopback only");
    assertEquals("mongodb://127.0.0.1:28117/weiliao", chat.get("WEILIAO_MONGO_URI"));
    assertEquals("redis://127.0.0.1:7479", chat.get("WEILIAO_REDIS_URL"));
    assertEquals(
        "127.0.0.1:6701,127.0.0.1:6702,127.0.0.1:6703,127.0.0.1:6704,127.0.0.1:6705,127.0.0.1:6706,"
            + "127.0.0.1:6707",
        chat.get("WEILIAO_CLUSTER_MEMBERS"));
    assertEquals("4", chat.get("WEILIAO_BCRYPT_COST"), "the caller's WEILIAO_* pass through");
    assertTrue(
        component(plan, "chat-service-2")
            .command()
            .containsAll(
                List.of(
                    "-Xmx384m",
                    "--add-modules",
                    "-cp",
                    "app.jar",
                    "chat.weiliao.chat.ChatServiceMain")));
    Map<String, String> gateway = component(plan, "gateway-1").environment();
    assertEquals(
        runDir.resolve("secrets/jwt-public.pem").toString(), gateway.get("WEILIAO_JWT_PUBLIC_KEY"));
    assertEquals("127.0.0.1", gateway.get("WEILIAO_TRUSTED_PROXIES"), "x-local.variables");
    assertEquals("/health", component(plan, "gateway-1").readyPath());
    assertEquals(9085, component(plan, "gateway-1").readyPort());
  }

  @Test
  void storesFirstThenUserServiceAloneThenTheRestThenNginx() throws Exception {
    List<List<String>> waves =
        new Supervisor(plan(0).components(), settings(0))
            .waves().stream().map(wave -> wave.stream().map(Component::name).toList()).toList();
    assertEquals(
        List.of(
            List.of("mongo", "redis"),
            List.of("user-service"),
            List.of(
                "chat-service-1",
                "chat-service-2",
                "signaling-service",
                "moments-service",
                "gateway-1",
                "gateway-2"),
            List.of("nginx")),
        waves,
        "coturn is off");
  }

  @Test
  void nginxGetsComposeGatewaysOnLocalPorts() throws Exception {
    LocalPlan plan = plan(0);
    LocalNginx.write(plan, "nginx", runDir.resolve("nginx"));
    String gateways = Files.readString(runDir.resolve("nginx/weiliao/gateways.conf"));
    assertTrue(gateways.contains("server 127.0.0.1:8085 max_fails=0;"), gateways);
    assertTrue(gateways.contains("server 127.0.0.1:8086 max_fails=0;"), gateways);
    assertEquals(
        "listen 127.0.0.1:8080;\n", Files.readString(runDir.resolve("nginx/weiliao/listen.conf")));
  }

  @Test
  void composeVariablesAreSubstitutedAsComposeDoes() {
    Map<String, String> vars = Map.of("SET", "x", "EMPTY", "");
    assertEquals("x-d-d-", Interpolation.apply("${SET}-${UNSET:-d}-${EMPTY:-d}-${EMPTY-d}", vars));
    assertEquals("$HOME x", Interpolation.apply("$$HOME $SET", vars));
    assertThrows(
        IllegalArgumentException.class, () -> Interpolation.apply("${UNSET:?needed}", vars));
  }
}
