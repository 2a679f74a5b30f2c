package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The clustered topology of {@code scripts/topology.sh} (embedded MongoDB-wire server, Redis, user
 * service, two chat services, signaling, moments, two gateways, Debian's nginx in front), driven by that
 * very script on free ports in a fresh run directory. Clients reach it only through nginx.
 */
final class Topology implements AutoCloseable {
  static final List<String> SERVICES = List.of("user-service-1", "chat-service-1", "chat-service-2",
      "signaling-service-1", "moments-service-1", "gateway-1", "gateway-2");
  private static final Path SCRIPT = Path.of("..", "scripts", "topology.sh").toAbsolutePath().normalize();

  final Path runDir;
  final int httpPort;
  final int[] gatewayPorts;
  private final Map<String, String> env = new HashMap<>();

  private Topology(Path runDir, int httpPort, int[] gatewayPorts) {
    this.runDir = runDir;
    this.httpPort = httpPort;
    this.gatewayPorts = gatewayPorts;
  }

  /** Starts everything with the given extra WEILIAO_* settings; returns once nginx answers /health. */
  static Topology start(Path jar, Map<String, String> settings) throws IOException {
    int clusterPort = freeRange(7);
    Topology topology = new Topology(Files.createTempDirectory("weiliao-topology-it"), freePort(),
        new int[] {freePort(), freePort()});
    topology.env.putAll(settings);
    topology.env.put("WEILIAO_RUN_DIR", topology.runDir.toString());
    topology.env.put("WEILIAO_JAR", jar.toAbsolutePath().toString());
    topology.env.put("TOPOLOGY_HTTP_PORT", Integer.toString(topology.httpPort));
    topology.env.put("TOPOLOGY_GATEWAY_PORTS", topology.gatewayPorts[0] + " " + topology.gatewayPorts[1]);
    topology.env.put("TOPOLOGY_MONGO_PORT", Integer.toString(freePort()));
    topology.env.put("TOPOLOGY_REDIS_PORT", Integer.toString(freePort()));
    topology.env.put("TOPOLOGY_CLUSTER_PORT", Integer.toString(clusterPort));
    topology.env.put("TOPOLOGY_HEALTH_PORT", Integer.toString(freeRange(7)));
    topology.env.put("TOPOLOGY_CLUSTER_NAME", "weiliao-it-" + clusterPort);
    topology.env.put("TOPOLOGY_TURN", "off");
    topology.script(300, "start");
    return topology;
  }

  /** SIGKILL, as a crash or an OOM killer would: no hook runs, no socket is closed politely. */
  void kill(String name) {
    long pid = pid(name);
    ProcessHandle.of(pid).ifPresent(process -> {
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
      return Long.parseLong(Files.readString(runDir.resolve("pids").resolve(name + ".pid")).trim());
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
    System.out.print(out.lines().map(line -> "[topology] " + line + "\n").reduce("", String::concat));
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The first of {@code count} consecutive free ports (Hazelcast members are listed one by one). */
  private static int freeRange(int count) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (allFree(first, count)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports");
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException busy) {
        return false;
      }
    }
    return true;
  }
}
