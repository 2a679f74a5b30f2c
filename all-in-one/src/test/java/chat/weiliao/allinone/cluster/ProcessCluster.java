package chat.weiliao.allinone.cluster;

import chat.weiliao.allinone.EmbeddedStores;
import chat.weiliao.allinone.Http;
import chat.weiliao.allinone.store.GroupCommit;
import chat.weiliao.allinone.topology.ComposeNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Some services of docker/docker-compose.yml as separate processes, run by the local topology tool
 * ({@link ComposeNodes}: the same command, environment, Hazelcast members, JVM flags and health
 * checks as {@code scripts/topology.sh start}), on a free port range, for tests that kill and
 * restart nodes at will. The embedded MongoDB-wire and Redis servers run in the test JVM.
 *
 * <pre>{@code
 * try (ProcessCluster cluster = ProcessCluster.builder()
 *     .node("user-service").node("gateway-1")   // compose service names; the first starts alone
 *     .build().start()) {
 *   cluster.awaitHealthy("gateway-1");
 *   Http http = cluster.http("gateway-1");
 *   cluster.kill("user-service");            // SIGKILL
 *   cluster.restart("user-service");         // same ports, same data directory
 * }
 * }</pre>
 *
 * <p>A node is ready once its compose health check answers on its local port (a service's own
 * /health, a gateway's /health). Logs, data and secrets live in a fresh directory under target/
 * (logs/NAME.log, appended to on restart; data kept across restarts, removed by close). The first
 * node is started alone and the rest only once it is up, so that nodes starting at the same moment
 * never form separate clusters.
 */
public final class ProcessCluster implements AutoCloseable {
  private static final Path COMPOSE =
      Path.of("..", "docker", "docker-compose.yml").toAbsolutePath().normalize();
  private static final long POLL_MILLIS = 100;
  private static final HttpClient probe =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<String> declared;
  private final Map<String, String> extraEnv;
  private final Duration startTimeout;
  private final EmbeddedStores stores = new EmbeddedStores();
  private final Map<String, ProcessHandle> running = new HashMap<>();
  private final Thread reaper = new Thread(this::killAll, "process-cluster-reaper");
  private ComposeNodes nodes;
  private Path runDir;

  public static Builder builder() {
    return new Builder();
  }

  /** Declares the nodes by compose service name. */
  public static final class Builder {
    private final List<String> nodes = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder() {}

    public Builder node(String composeService) {
      if (nodes.contains(composeService)) {
        throw new IllegalArgumentException("node declared twice: " + composeService);
      }
      nodes.add(composeService);
      return this;
    }

    /** An environment variable for every node, over compose's (e.g. WEILIAO_ACCESS_TOKEN_TTL). */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** How long a node may take to become ready; default 60 s. */
    public Builder startTimeout(Duration timeout) {
      startTimeout = timeout;
      return this;
    }

    public ProcessCluster build() {
      if (nodes.isEmpty()) {
        throw new IllegalStateException("declare at least one node");
      }
      return new ProcessCluster(List.copyOf(nodes), Map.copyOf(env), startTimeout);
    }
  }

  private ProcessCluster(
      List<String> declared, Map<String, String> extraEnv, Duration startTimeout) {
    this.declared = declared;
    this.extraEnv = extraEnv;
    this.startTimeout = startTimeout;
  }

  /** Starts the stores and every node, each until ready. On failure everything is stopped again. */
  public ProcessCluster start() {
    if (nodes != null) {
      throw new IllegalStateException("already started");
    }
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      Path target =
          Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath().normalize();
      runDir = Files.createTempDirectory(Files.createDirectories(target), "cluster-");
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put(
          "WEILIAO_CLUSTER_NAME", "weiliao-test-" + UUID.randomUUID().toString().substring(0, 8));
      overrides.put("WEILIAO_MONGO_URI", stores.startMongo(null, GroupCommit.Fsync.ALWAYS));
      overrides.put("WEILIAO_REDIS_URL", stores.startRedis(null));
      overrides.put("WEILIAO_BCRYPT_COST", "10");
      overrides.putAll(extraEnv);
      // Below the kernel's ephemeral range: ports the OS hands out (the stores', outgoing
      // connections') then never take a node's port while it is down between a kill and a restart.
      nodes =
          ComposeNodes.plan(
              COMPOSE,
              declared,
              System.getProperty("java.class.path"),
              runDir,
              overrides,
              ephemeralRangeStart());
      System.out.println("[process-cluster] run directory " + runDir);
      long deadline = deadline();
      spawn(declared.get(0));
      awaitReady(declared.get(0), deadline);
      List<String> rest = declared.subList(1, declared.size());
      for (String name : rest) {
        spawn(name);
      }
      for (String name : rest) {
        awaitReady(name, deadline);
      }
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Launches a node that is down and waits until it is ready. */
  public void launch(String name) {
    if (isAlive(name)) {
      throw new IllegalStateException(name + " is already running");
    }
    spawn(name);
    awaitReady(name, deadline());
  }

  /** SIGKILL: no shutdown hook runs, sockets just drop. Returns once the process is gone. */
  public void kill(String name) {
    ProcessHandle process = handle(name);
    if (process != null) {
      process.destroyForcibly();
      awaitExit(name, process);
    }
  }

  /**
   * SIGTERM: the node's shutdown hook runs (a gateway closes its sockets with 1001). Waits for
   * exit.
   */
  public void terminate(String name) {
    ProcessHandle process = handle(name);
    if (process != null) {
      process.destroy();
      awaitExit(name, process);
    }
  }

  /**
   * Kills the node if it runs, then launches it again on the same ports and waits until it is
   * ready.
   */
  public void restart(String name) {
    kill(name);
    launch(name);
  }

  public boolean isAlive(String name) {
    ProcessHandle process = handle(name);
    return process != null && process.isAlive();
  }

  /** The gateway's HTTP port (on 127.0.0.1). */
  public int httpPort(String gateway) {
    return Integer.parseInt(nodes.setting(gateway, "WEILIAO_HTTP_PORT"));
  }

  /** The shared test HTTP client, speaking to this gateway. */
  public Http http(String gateway) {
    return new Http(httpPort(gateway));
  }

  /** Waits until the gateway's GET /health answers 200; returns the health JSON. */
  public JsonObject awaitHealthy(String gateway) {
    return awaitHealth(
        gateway, startTimeout, "status 200", response -> response.statusCode() == 200);
  }

  /**
   * Polls the gateway's GET /health until an answer satisfies the condition and returns that
   * answer's JSON, or fails with the last answer and the logs' tails. Connection failures count as
   * "not yet", except that a dead gateway process fails at once.
   */
  public JsonObject awaitHealth(
      String gateway,
      Duration timeout,
      String description,
      Predicate<HttpResponse<String>> condition) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    String last = "no answer yet";
    while (true) {
      if (!isAlive(gateway)) {
        throw new AssertionError(
            gateway
                + " is not running while waiting for /health "
                + description
                + "\n"
                + logTails(gateway));
      }
      try {
        HttpResponse<String> response =
            probe.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort(gateway) + "/health"))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (condition.test(response)) {
          return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            gateway
                + " /health not "
                + description
                + " within "
                + timeout.toSeconds()
                + " s; last answer: "
                + last
                + "\n"
                + logTails(gateway));
      }
      pause();
    }
  }

  /** The named node's log tail first and longest, then a shorter tail of every other node. */
  public String logTails(String focus) {
    StringBuilder text = new StringBuilder();
    text.append("---- ")
        .append(focus)
        .append(" (")
        .append(state(focus))
        .append(") ")
        .append(nodes.log(focus))
        .append(" ----\n")
        .append(logTail(focus, 60))
        .append('\n');
    for (String name : declared) {
      if (!name.equals(focus) && running.containsKey(name)) {
        text.append("---- ")
            .append(name)
            .append(" (")
            .append(state(name))
            .append(") ----\n")
            .append(logTail(name, 15))
            .append('\n');
      }
    }
    return text.toString();
  }

  /**
   * Kills every process, stops the stores and removes the nodes' data (the logs stay). Safe to call
   * twice.
   */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException | IllegalArgumentException ignored) {
      // shutting down already, or never registered
    }
    try {
      stores.stop();
    } catch (RuntimeException ignored) {
      // a store that never started
    }
    if (runDir != null) {
      for (String dir : List.of("data", "secrets")) {
        try (Stream<Path> paths = Files.walk(runDir.resolve(dir))) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
          // temp files; nothing else reads them
        }
      }
      runDir = null;
    }
  }

  private void killAll() {
    List<ProcessHandle> alive = running.values().stream().filter(ProcessHandle::isAlive).toList();
    alive.forEach(ProcessHandle::destroyForcibly);
    alive.forEach(
        process ->
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(late -> null).join());
  }

  private void spawn(String name) {
    if (nodes == null) {
      throw new IllegalStateException("start() the cluster first");
    }
    try {
      running.put(name, nodes.launch(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + name, e);
    }
  }

  /** Until the node's compose health check answers on its local port; no log is read. */
  private void awaitReady(String name, long deadline) {
    long launched = System.currentTimeMillis();
    while (!nodes.ready(name)) {
      if (!isAlive(name)) {
        throw new AssertionError(
            name + " exited before " + nodes.readiness(name) + "\n" + logTails(name));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            name
                + ": no "
                + nodes.readiness(name)
                + " within "
                + startTimeout.toSeconds()
                + " s\n"
                + logTails(name));
      }
      pause();
    }
    System.out.printf(
        "[process-cluster] %s ready in %d ms (pid %d)%n",
        name, System.currentTimeMillis() - launched, handle(name).pid());
  }

  private void awaitExit(String name, ProcessHandle process) {
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (TimeoutException late) {
      process.destroyForcibly();
      process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    } catch (ExecutionException e) {
      throw new AssertionError(name + " did not exit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String logTail(String name, int lines) {
    try {
      List<String> all = Files.readAllLines(nodes.log(name), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private String state(String name) {
    ProcessHandle process = handle(name);
    if (process == null) {
      return "never started";
    }
    return process.isAlive() ? "running, pid " + process.pid() : "exited";
  }

  private ProcessHandle handle(String name) {
    if (!declared.contains(name)) {
      throw new IllegalArgumentException("no node named " + name + "; declared: " + declared);
    }
    return running.get(name);
  }

  private long deadline() {
    return System.currentTimeMillis() + startTimeout.toMillis();
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static int ephemeralRangeStart() {
    try {
      // readAllLines, not readString: procfs reports a size of 0 and readString then stops short.
      String range =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
