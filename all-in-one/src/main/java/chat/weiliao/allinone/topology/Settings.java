package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a local run is set up, from the environment (see scripts/topology.sh's usage). {@code start}
 * records them in the run directory; every later command reads that record, so ports and files
 * always match what runs.
 *
 * @param passedThrough the caller's other WEILIAO_* variables, for every Weiliao process
 * @param classpath what the Weiliao processes run from; null: the run directory's copy of the jar
 */
record Settings(
    Path compose,
    Path runDir,
    Path jarSource,
    String java,
    String nginx,
    String redisServer,
    String turnServer,
    String portShift,
    String turn,
    Duration startTimeout,
    Duration stopTimeout,
    Map<String, String> passedThrough,
    String classpath) {
  /** The tool's own variables and the key files: never passed through to the services. */
  private static final Set<String> OWN =
      Set.of(
          "WEILIAO_RUN_DIR",
          "WEILIAO_JAR",
          "WEILIAO_COMPOSE",
          "WEILIAO_JWT_PRIVATE_KEY",
          "WEILIAO_JWT_PUBLIC_KEY");

  static Settings fromEnv(Map<String, String> env, Path repo) {
    Map<String, String> passed = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("WEILIAO_") && !OWN.contains(name)) {
            passed.put(name, value);
          }
        });
    return new Settings(
        Path.of(
            env.getOrDefault(
                "WEILIAO_COMPOSE", repo.resolve("docker/docker-compose.yml").toString())),
        Path.of(
            env.getOrDefault(
                "WEILIAO_RUN_DIR", System.getProperty("java.io.tmpdir") + "/weiliao-topology")),
        Path.of(
            env.getOrDefault(
                "WEILIAO_JAR",
                repo.resolve("all-in-one/target/weiliao-all-in-one.jar").toString())),
        env.getOrDefault(
            "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        env.getOrDefault("NGINX", which("nginx")),
        env.getOrDefault("REDIS_SERVER", which("redis-server")),
        env.getOrDefault("TURNSERVER", which("turnserver")),
        env.getOrDefault("TOPOLOGY_PORT_SHIFT", "0"),
        env.getOrDefault("TOPOLOGY_TURN", "auto"),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("TOPOLOGY_START_TIMEOUT", "180"))),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("TOPOLOGY_STOP_TIMEOUT", "45"))),
        Map.copyOf(passed),
        null);
  }

  Path jar() {
    return runDir.resolve("weiliao.jar");
  }

  String runClasspath() {
    return classpath == null ? jar().toString() : classpath;
  }

  Path secretsDir() {
    return runDir.resolve("secrets");
  }

  Path logs() {
    return runDir.resolve("logs");
  }

  Path pids() {
    return runDir.resolve("pids");
  }

  private static Path record(Path runDir) {
    return runDir.resolve("state").resolve("settings.properties");
  }

  /** The shift as a number ("auto" counts as 0 until start has chosen one). */
  int portShiftNumber() {
    return portShift.equals("auto") ? 0 : Integer.parseInt(portShift);
  }

  /** coturn runs when TOPOLOGY_TURN is on, or auto and a turnserver is installed. */
  boolean turnEnabled() {
    return switch (turn) {
      case "on" -> true;
      case "off" -> false;
      default -> onPath(turnServer);
    };
  }

  Settings withPortShift(int shift) {
    return new Settings(
        compose,
        runDir,
        jarSource,
        java,
        nginx,
        redisServer,
        turnServer,
        Integer.toString(shift),
        turnEnabled() ? "on" : "off",
        startTimeout,
        stopTimeout,
        passedThrough,
        classpath);
  }

  void save() throws IOException {
    Properties properties = new Properties();
    properties.setProperty("compose", compose.toAbsolutePath().toString());
    properties.setProperty("jar", jarSource.toAbsolutePath().toString());
    properties.setProperty("java", java);
    properties.setProperty("nginx", nginx);
    properties.setProperty("redis-server", redisServer);
    properties.setProperty("turnserver", turnServer);
    properties.setProperty("port-shift", portShift);
    properties.setProperty("turn", turn);
    properties.setProperty("start-timeout", Long.toString(startTimeout.toSeconds()));
    properties.setProperty("stop-timeout", Long.toString(stopTimeout.toSeconds()));
    passedThrough.forEach((name, value) -> properties.setProperty("env." + name, value));
    Files.createDirectories(record(runDir).getParent());
    try (Writer out = Files.newBufferedWriter(record(runDir))) {
      properties.store(out, "settings of the local topology in " + runDir + " (written by start)");
    }
  }

  /** Whether start has run in this run directory. */
  boolean recorded() {
    return Files.exists(record(runDir));
  }

  /** The recorded settings of the run directory, or these when nothing was started there. */
  Settings recordedOr() throws IOException {
    Path file = record(runDir);
    if (!Files.exists(file)) {
      return this;
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    Map<String, String> passed = new TreeMap<>();
    properties.stringPropertyNames().stream()
        .filter(name -> name.startsWith("env."))
        .forEach(name -> passed.put(name.substring(4), properties.getProperty(name)));
    return new Settings(
        Path.of(properties.getProperty("compose")),
        runDir,
        jarSource,
        properties.getProperty("java"),
        properties.getProperty("nginx"),
        properties.getProperty("redis-server"),
        properties.getProperty("turnserver"),
        properties.getProperty("port-shift"),
        properties.getProperty("turn"),
        Duration.ofSeconds(Long.parseLong(properties.getProperty("start-timeout"))),
        Duration.ofSeconds(Long.parseLong(properties.getProperty("stop-timeout"))),
        Map.copyOf(passed),
        null);
  }

  static boolean onPath(String program) {
    return Files.isExecutable(Path.of(which(program)));
  }

  /** The program's path on PATH (or in /usr/sbin, where Debian puts nginx), else its bare name. */
  static String which(String program) {
    if (program.contains("/")) {
      return program;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin") + ":/usr/sbin:/usr/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Path.of(dir, program).toString();
      }
    }
    return program;
  }
}
