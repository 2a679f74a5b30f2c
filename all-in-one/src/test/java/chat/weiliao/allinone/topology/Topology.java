package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The clustered topology of docker/docker-compose.yml (embedded MongoDB-wire server, Redis, user
 * service, two chat services, signaling, moments, two gateways, Debian's nginx in front), run as
 * plain processes by the local topology tool through {@code scripts/topology.sh}, with every port
 * shifted to a free range (TOPOLOGY_PORT_SHIFT=auto) in a fresh run directory. Clients reach it
 * only through nginx.
 */
final class Topology implements AutoCloseable {
  /** The compose services that are cluster members, in start order. */
  static final List<String> SERVICES =
      List.of(
          "user-service",
          "chat-service-1",
          "chat-service-2",
          "signaling-service",
          "moments-service",
          "gateway-1",
          "gateway-2");

  private static final Path SCRIPT =
      Path.of("..", "scripts", "topology.sh").toAbsolutePath().normalize();

  final Path runDir;
  int httpPort;
  final int[] gatewayPorts = new int[2];
  private final Map<String, String> env = new HashMap<>();

  private Topology(Path runDir) {
    this.runDir = runDir;
  }

  /**
   * Starts everything with the given extra WEILIAO_* settings; returns once every component is
   * ready.
   */
  static Topology start(Path jar, Map<String, String> settings) throws IOException {
    Topology topology = new Topology(Files.createTempDirectory("weiliao-topology-it"));
    topology.env.putAll(settings);
    topology.env.put("WEILIAO_RUN_DIR", topology.runDir.toString());
    topology.env.put("WEILIAO_JAR", jar.toAbsolutePath().toString());
    topology.env.put("TOPOLOGY_PORT_SHIFT", "auto");
    topology.env.put("TOPOLOGY_TURN", "off");
    topology.script(300, "start");
    Properties endpoints = new Properties();
    try (Reader in =
        Files.newBufferedReader(topology.runDir.resolve("state").resolve("endpoints.properties"))) {
      endpoints.load(in);
    }
    topology.httpPort = port(endpoints, "nginx");
    topology.gatewayPorts[0] = port(endpoints, "gateway-1");
    topology.gatewayPorts[1] = port(endpoints, "gateway-2");
    return topology;
  }

  private static int port(Properties endpoints, String name) {
    String endpoint = endpoints.getProperty(name);
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  /** SIGKILL, as a crash or an OOM killer would: no hook runs, no socket is closed politely. */
  void kill(String name) {
    long pid = pid(name);
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              process.destroyForcibly();
              process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
  }

  /** SIGTERM (if still running), then start again and wait until it is ready. */
  void restart(String name) {
    script(180, "restart", name);
  }

  long pid(String name) {
    try {
      // "pid start-time"
      return Long.parseLong(
          Files.readString(runDir.resolve("pids").resolve(name + ".pid")).trim().split(" ")[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    script(120, "stop");
  }

  private void script(int timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    String out = run(command, timeoutSeconds);
    System.out.print(
        out.lines().map(line -> "[topology] " + line + "\n").reduce("", String::concat));
  }

  private String run(List<String> command, int timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited " + process.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
