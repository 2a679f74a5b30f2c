package chat.weiliao.allinone.cluster;

import chat.weiliao.allinone.EmbeddedStores;
import chat.weiliao.allinone.store.GroupCommit;
import chat.weiliao.allinone.Http;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real multi-process deployment for tests: the embedded MongoDB-wire and Redis servers run in
 * the test JVM, and every service node is its own JVM joined to one Hazelcast cluster over
 * TCP-IP on 127.0.0.1, exactly as the services' {@code main}s run in production.
 *
 * <p>Declare every node up front (the Hazelcast member list must name them all), then start:
 * <pre>{@code
 * try (ProcessCluster cluster = ProcessCluster.builder()
 *     .node("user-1", UserServiceMain.class)
 *     .node("gateway-1", GatewayMain.class)
 *     .spare("gateway-2", GatewayMain.class)   // in the member list, launched later with launch()
 *     .build().start()) {
 *   cluster.awaitHealthy("gateway-1");
 *   Http http = cluster.http("gateway-1");
 *   cluster.kill("user-1");                  // SIGKILL
 *   cluster.restart("user-1");               // same ports, same data directory
 * }
 * }</pre>
 *
 * <p>Each node gets its own Hazelcast, HTTP and health ports (kept across restarts); a node is
 * ready once it answers there (see {@link #awaitStarted}). Its stdout and stderr go to
 * {@code target/cluster-logs/<name>.log} (removed by {@link #start()}, appended to on restart). All nodes share one data directory, so user-service's generated token key survives
 * its restart. The first declared node is started alone and the rest only once it is up, so that
 * nodes starting at the same moment never form separate clusters.
 */
public final class ProcessCluster implements AutoCloseable {
  private static final long POLL_MILLIS = 100;
  /**
   * Small heaps and the serial collector keep four JVMs within a test machine's memory. C1 only
   * (TieredStopAtLevel=1) roughly halves the CPU a node burns while starting, which is what
   * bounds start-up time when several nodes boot on a machine with few cores.
   */
  private static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final HttpClient probe = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Map<String, Node> nodes;
  private final Map<String, String> extraEnv;
  private final List<String> jvmOptions;
  private final Duration startTimeout;
  private final Path logDir;
  private final String clusterName = "weiliao-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final EmbeddedStores stores = new EmbeddedStores();
  private final Thread reaper = new Thread(this::killAll, "process-cluster-reaper");
  private Path dataDir;
  private String mongoUri;
  private String redisUrl;
  private boolean started;

  /** One declared node: its fixed ports and, while running, its process. */
  private static final class Node {
    final String name;
    final Class<?> main;
    final boolean launchOnStart;
    final Map<String, String> env;
    final int clusterPort;
    final int httpPort;
    /** Where a service node answers its own GET /health (a gateway answers on its HTTP port). */
    final int healthPort;
    Process process;
    long launchedAt;

    Node(String name, Class<?> main, boolean launchOnStart, Map<String, String> env, int clusterPort, int httpPort,
        int healthPort) {
      this.name = name;
      this.main = main;
      this.launchOnStart = launchOnStart;
      this.env = env;
      this.clusterPort = clusterPort;
      this.httpPort = httpPort;
      this.healthPort = healthPort;
    }

    boolean isGateway() {
      return main.getSimpleName().equals("GatewayMain");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Declares the nodes; ports are allocated by {@link #build()}. */
  public static final class Builder {
    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
    private Duration startTimeout = Duration.ofSeconds(60);

    private record Declared(Class<?> main, boolean launchOnStart, Map<String, String> env) {
    }

    private Builder() {
    }

    /** A node launched by {@link ProcessCluster#start()}. */
    public Builder node(String name, Class<?> mainClass) {
      return node(name, mainClass, Map.of());
    }

    /** A node launched by {@link ProcessCluster#start()}, with extra environment of its own. */
    public Builder node(String name, Class<?> mainClass, Map<String, String> nodeEnv) {
      return declare(name, mainClass, true, nodeEnv);
    }

    /** A node in the member list that {@link ProcessCluster#start()} leaves down; see {@link ProcessCluster#launch}. */
    public Builder spare(String name, Class<?> mainClass) {
      return declare(name, mainClass, false, Map.of());
    }

    /** An environment variable for every node (e.g. WEILIAO_ACCESS_TOKEN_TTL). */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** An extra option for every node's JVM, after the defaults (e.g. a system property). */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /** How long a node may take to start (and a gateway to become healthy); default 60 s. */
    public Builder startTimeout(Duration timeout) {
      startTimeout = timeout;
      return this;
    }

    private Builder declare(String name, Class<?> mainClass, boolean launchOnStart, Map<String, String> nodeEnv) {
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("node names become file names: " + name);
      }
      if (declared.putIfAbsent(name, new Declared(mainClass, launchOnStart, Map.copyOf(nodeEnv))) != null) {
        throw new IllegalArgumentException("node declared twice: " + name);
      }
      return this;
    }

    public ProcessCluster build() {
      if (declared.isEmpty()) {
        throw new IllegalStateException("declare at least one node");
      }
      Set<Integer> taken = new HashSet<>();
      Map<String, Node> nodes = new LinkedHashMap<>();
      declared.forEach((name, d) -> nodes.put(name,
          new Node(name, d.main(), d.launchOnStart(), d.env(), freePort(taken), freePort(taken), freePort(taken))));
      return new ProcessCluster(nodes, Map.copyOf(env), List.copyOf(jvmOptions), startTimeout);
    }
  }

  private ProcessCluster(Map<String, Node> nodes, Map<String, String> extraEnv, List<String> jvmOptions,
      Duration startTimeout) {
    this.nodes = nodes;
    this.extraEnv = extraEnv;
    this.jvmOptions = jvmOptions;
    this.startTimeout = startTimeout;
    this.logDir = Path.of(System.getProperty("basedir", "."), "target", "cluster-logs").toAbsolutePath().normalize();
  }

  /**
   * Starts the stores and every node not declared as a spare, and waits until each has joined
   * and deployed its verticle. On failure everything started so far is stopped again.
   */
  public ProcessCluster start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      Files.createDirectories(logDir);
      dataDir = Files.createTempDirectory("weiliao-cluster");
      mongoUri = stores.startMongo(null, GroupCommit.Fsync.ALWAYS);
      redisUrl = stores.startRedis(null);
      for (String name : nodes.keySet()) {
        Files.deleteIfExists(logFile(name));
      }
      List<Node> toStart = nodes.values().stream().filter(n -> n.launchOnStart).toList();
      long deadline = deadline();
      if (!toStart.isEmpty()) {
        // The first node alone, so that it is the master every later node finds.
        spawn(toStart.get(0));
        awaitStarted(toStart.get(0), deadline);
        List<Node> rest = toStart.subList(1, toStart.size());
        for (Node node : rest) {
          spawn(node);
        }
        for (Node node : rest) {
          awaitStarted(node, deadline);
        }
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

  /** Launches a node that is down (a spare, or one killed) and waits until it has started. */
  public void launch(String name) {
    Node node = node(name);
    if (isAlive(name)) {
      throw new IllegalStateException(name + " is already running");
    }
    spawn(node);
    awaitStarted(node, deadline());
  }

  /** SIGKILL: no shutdown hook runs, sockets just drop. Returns once the process is gone. */
  public void kill(String name) {
    Node node = node(name);
    if (node.process != null) {
      node.process.destroyForcibly();
      awaitExit(node);
    }
  }

  /** SIGTERM: the node's shutdown hook runs (a gateway closes its sockets with 1001). Waits for exit. */
  public void terminate(String name) {
    Node node = node(name);
    if (node.process != null) {
      node.process.destroy();
      awaitExit(node);
    }
  }

  /** Kills the node if it runs, then launches it again on the same ports and waits for it to start. */
  public void restart(String name) {
    kill(name);
    launch(name);
  }

  public boolean isAlive(String name) {
    Process process = node(name).process;
    return process != null && process.isAlive();
  }

  public long pid(String name) {
    Process process = node(name).process;
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  /** The node's HTTP port (a gateway listens there on 127.0.0.1). */
  public int httpPort(String name) {
    return node(name).httpPort;
  }

  public int clusterPort(String name) {
    return node(name).clusterPort;
  }

  /** The shared test HTTP client, speaking to this gateway. */
  public Http http(String gateway) {
    return new Http(httpPort(gateway));
  }

  public String mongoUri() {
    return mongoUri;
  }

  public String redisUrl() {
    return redisUrl;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile(String name) {
    return logDir.resolve(name + ".log");
  }

  /** Waits until the gateway's GET /health answers 200; returns the health JSON. */
  public JsonObject awaitHealthy(String gateway) {
    return awaitHealth(gateway, startTimeout, "status 200", response -> response.statusCode() == 200);
  }

  /**
   * Polls the gateway's GET /health until an answer satisfies the condition and returns that
   * answer's JSON, or fails with the last answer and the logs' tails. Connection failures count
   * as "not yet", except that a dead gateway process fails at once.
   */
  public JsonObject awaitHealth(String gateway, Duration timeout, String description,
      Predicate<HttpResponse<String>> condition) {
    Node node = node(gateway);
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    String last = "no answer yet";
    while (true) {
      if (!isAlive(gateway)) {
        throw new AssertionError(gateway + " is not running while waiting for /health " + description
            + "\n" + logTails(gateway));
      }
      try {
        HttpResponse<String> response = probe.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort + "/health"))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
        throw new AssertionError(gateway + " /health not " + description + " within " + timeout.toSeconds()
            + " s; last answer: " + last + "\n" + logTails(gateway));
      }
      pause();
    }
  }

  /** The last lines of a node's log. */
  public String logTail(String name, int lines) {
    Path file = logFile(name);
    if (!Files.exists(file)) {
      return "(no log)";
    }
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(unreadable log: " + e + ")";
    }
  }

  /** The named node's log tail first and longest, then a shorter tail of every other node. */
  public String logTails(String focus) {
    StringBuilder text = new StringBuilder();
    text.append("---- ").append(focus).append(" (").append(state(focus)).append(") ")
        .append(logFile(focus)).append(" ----\n").append(logTail(focus, 60)).append('\n');
    for (String name : nodes.keySet()) {
      if (!name.equals(focus) && nodes.get(name).process != null) {
        text.append("---- ").append(name).append(" (").append(state(name)).append(") ----\n")
            .append(logTail(name, 15)).append('\n');
      }
    }
    return text.toString();
  }

  /** Kills every process, stops the stores and removes the data directory. Safe to call twice. */
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
    if (dataDir != null) {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // temp files; the OS cleans up
      }
      dataDir = null;
    }
  }

  private void killAll() {
    List<Process> running = nodes.values().stream().map(n -> n.process)
        .filter(p -> p != null && p.isAlive()).toList();
    running.forEach(Process::destroyForcibly);
    for (Process process : running) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void spawn(Node node) {
    if (!started) {
      throw new IllegalStateException("start() the cluster first");
    }
    Path log = logFile(node.name);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), node.main.getName()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("WEILIAO_"));
    env.putAll(environment(node));
    try {
      Files.writeString(log, "==== " + node.name + ": java " + String.join(" ", jvmOptions) + " -cp ... "
              + node.main.getName() + " (cluster port " + node.clusterPort + ", http port " + node.httpPort + ")\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      node.launchedAt = System.currentTimeMillis();
      node.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + node.name, e);
    }
  }

  private Map<String, String> environment(Node node) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WEILIAO_CLUSTERED", "true");
    env.put("WEILIAO_CLUSTER_NAME", clusterName);
    env.put("WEILIAO_CLUSTER_HOST", "127.0.0.1");
    env.put("WEILIAO_CLUSTER_PORT", String.valueOf(node.clusterPort));
    env.put("WEILIAO_CLUSTER_PORT_AUTO_INCREMENT", "false");
    env.put("WEILIAO_CLUSTER_MEMBERS", nodes.values().stream()
        .map(n -> "127.0.0.1:" + n.clusterPort).collect(Collectors.joining(",")));
    env.put("WEILIAO_MONGO_URI", mongoUri);
    env.put("WEILIAO_REDIS_URL", redisUrl);
    env.put("WEILIAO_DATA_DIR", dataDir.toString());
    env.put("WEILIAO_HTTP_HOST", "127.0.0.1");
    env.put("WEILIAO_HTTP_PORT", String.valueOf(node.httpPort));
    env.put("WEILIAO_HEALTH_PORT", String.valueOf(node.healthPort));
    env.put("WEILIAO_BCRYPT_COST", "10");
    env.putAll(extraEnv);
    env.putAll(node.env);
    return env;
  }

  /**
   * Waits until the node answers on its health port: a service node 200 from its own /health
   * (its bus endpoint and stores answer), a gateway any answer from its /health (it listens; what
   * it answers depends on the other nodes, see {@link #awaitHealthy}). No log is read.
   */
  private void awaitStarted(Node node, long deadline) {
    int port = node.isGateway() ? node.httpPort : node.healthPort;
    while (true) {
      int status = healthStatus(port);
      if (node.isGateway() ? status > 0 : status == 200) {
        System.out.printf("[process-cluster] %s ready in %d ms (pid %d)%n", node.name,
            System.currentTimeMillis() - node.launchedAt, node.process.pid());
        return;
      }
      if (!node.process.isAlive()) {
        throw new AssertionError(node.name + " exited with " + node.process.exitValue()
            + " before it was ready\n" + logTails(node.name));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(node.name + " not ready within " + startTimeout.toSeconds() + " s (last /health: "
            + status + ")\n" + logTails(node.name));
      }
      pause();
    }
  }

  /** The status of GET /health on the port, or 0 when nothing answers. */
  private static int healthStatus(int port) {
    try {
      return probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private void awaitExit(Node node) {
    try {
      if (!node.process.waitFor(20, TimeUnit.SECONDS)) {
        node.process.destroyForcibly();
        if (!node.process.waitFor(10, TimeUnit.SECONDS)) {
          throw new AssertionError(node.name + " (pid " + node.process.pid() + ") did not exit");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String state(String name) {
    Process process = nodes.get(name).process;
    if (process == null) {
      return "never started";
    }
    return process.isAlive() ? "running, pid " + process.pid() : "exited " + process.exitValue();
  }

  private Node node(String name) {
    Node node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no node named " + name + "; declared: " + nodes.keySet());
    }
    return node;
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

  /**
   * A port free right now, not handed to another node of this cluster, and below the kernel's
   * ephemeral range where it can be had: ports the OS hands out (the stores' ports, event-bus
   * ports, the source ports of outgoing connections) then never take a node's port while the
   * node is down between a kill and a restart.
   */
  private static int freePort(Set<Integer> taken) {
    int below = ephemeralRangeStart();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = below > 11_000 ? random.nextInt(10_000, below) : 0;
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port));
        if (taken.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        // in use; try another
      }
    }
    throw new IllegalStateException("no free port");
  }

  private static int ephemeralRangeStart() {
    try {
      // readAllLines, not readString: procfs reports a size of 0 and readString then stops short.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** All node names, in declaration order. */
  public List<String> names() {
    return new ArrayList<>(nodes.keySet());
  }
}
