package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local topology tool: runs docker/docker-compose.yml as plain processes on 127.0.0.1 where
 * there is no container engine (scripts/topology.sh is its wrapper; see its usage for the
 * settings). Commands: start, stop, status, restart NAME, install-jar, plan.
 */
public final class TopologyMain {
  private TopologyMain() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      System.err.println("topology: " + e.getMessage());
      System.exit(1);
    }
  }

  static int run(String[] args) throws IOException {
    String command = args.length == 0 ? "" : args[0];
    Path repo = Path.of(System.getProperty("weiliao.repo", ".")).toAbsolutePath().normalize();
    Settings fromEnv = Settings.fromEnv(System.getenv(), repo);
    if (command.equals("status")) {
      return supervisor(fromEnv.recordedOr()).status();
    }
    if (command.equals("plan")) {
      printPlan(fromEnv.recordedOr());
      return 0;
    }
    if (!List.of("start", "stop", "restart", "install-jar").contains(command)
        || (command.equals("restart") != (args.length == 2))
        || args.length > 2) {
      System.err.println(
          "usage: scripts/topology.sh start | stop | status | restart NAME | install-jar | plan");
      return 2;
    }
    Files.createDirectories(fromEnv.runDir());
    try (FileChannel lockFile =
            FileChannel.open(
                fromEnv.runDir().resolve(".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        throw new IllegalStateException(
            "another topology command is working on " + fromEnv.runDir());
      }
      switch (command) {
        case "start" -> start(fromEnv);
        case "stop" -> supervisor(fromEnv.recordedOr()).stopAll();
        case "restart" -> {
          if (!fromEnv.recorded()) {
            throw new IllegalStateException("nothing was started in " + fromEnv.runDir());
          }
          supervisor(fromEnv.recordedOr()).restart(args[1]);
        }
        default -> installJar(fromEnv);
      }
    }
    return 0;
  }

  private static void start(Settings requested) throws IOException {
    List<String> running = supervisor(requested.recordedOr()).running();
    if (!running.isEmpty()) {
      throw new IllegalStateException(
          "already running in " + requested.runDir() + ": " + running + " (stop first)");
    }
    preflight(requested);
    Settings settings = requested.withPortShift(portShift(requested));
    Supervisor.say(
        "run directory " + settings.runDir() + " (ports shifted by " + settings.portShift() + ")");
    for (String dir : List.of("logs", "pids", "state", "data", "secrets")) {
      Files.createDirectories(settings.runDir().resolve(dir));
    }
    Files.deleteIfExists(settings.runDir().resolve("state").resolve("endpoints.properties"));
    settings.save();
    installJar(settings);
    Secrets.write(settings.compose(), settings.secretsDir());
    LocalPlan plan = plan(settings);
    Supervisor supervisor = new Supervisor(plan.components(), settings);
    String nginx =
        plan.components().stream()
            .filter(c -> c.command().get(0).equals(settings.nginx()))
            .map(Component::name)
            .findFirst()
            .orElse(null);
    for (Component component : plan.components()) {
      Files.createDirectories(settings.runDir().resolve("data").resolve(component.name()));
    }
    if (nginx != null) {
      LocalNginx.write(plan, nginx, settings.runDir().resolve("nginx"));
      checkNginx(settings);
    }
    supervisor.startAll();
    supervisor.writeEndpoints(settings.runDir().resolve("state").resolve("endpoints.properties"));
    Supervisor.say("up (logs in " + settings.logs() + "; 'scripts/topology.sh stop' to stop)");
  }

  /** What start would run: each component's start wave, readiness, command and environment. */
  private static void printPlan(Settings settings) throws IOException {
    Supervisor supervisor = supervisor(settings);
    List<List<Component>> waves = supervisor.waves();
    for (int wave = 0; wave < waves.size(); wave++) {
      for (Component component : waves.get(wave)) {
        System.out.printf(
            "%s (wave %d, ready: %s)%n  %s%n",
            component.name(),
            wave + 1,
            component.readiness(),
            String.join(" ", component.command()));
        component
            .environment()
            .forEach(
                (name, value) ->
                    System.out.printf("  %s=%s%n", name, name.contains("SECRET") ? "***" : value));
      }
    }
  }

  /** nginx -t on the local config, so a bad include fails the start before anything runs. */
  private static void checkNginx(Settings settings) throws IOException {
    Process test =
        new ProcessBuilder(
                settings.nginx(),
                "-q",
                "-t",
                "-e",
                "stderr",
                "-c",
                settings.runDir().resolve("nginx").resolve("nginx.conf").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (test.waitFor() != 0) {
        throw new IllegalStateException("nginx -t rejected the local config:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Supervisor supervisor(Settings settings) throws IOException {
    return new Supervisor(plan(settings).components(), settings);
  }

  private static LocalPlan plan(Settings settings) throws IOException {
    Map<String, String> variables = new HashMap<>(System.getenv());
    Path turnSecret = settings.secretsDir().resolve("turn-secret");
    // Before start has written it, any value does: only start launches what uses it.
    variables.put(
        "TURN_SECRET", Files.exists(turnSecret) ? Files.readString(turnSecret).trim() : "not-yet");
    return new LocalPlan(ComposeFile.read(settings.compose(), variables), settings);
  }

  private static void preflight(Settings settings) {
    if (!Files.isReadable(settings.jarSource())) {
      throw new IllegalStateException(
          "no jar at " + settings.jarSource() + "; build it: mvn -B -DskipTests package");
    }
    for (String program : List.of(settings.nginx(), settings.redisServer())) {
      if (!Settings.onPath(program)) {
        throw new IllegalStateException(
            program + " not found (apt-get install nginx redis-server)");
      }
    }
    if (settings.turn().equals("on") && !Settings.onPath(settings.turnServer())) {
      throw new IllegalStateException(
          "TOPOLOGY_TURN=on but no " + settings.turnServer() + " (apt-get install coturn)");
    }
  }

  /**
   * TOPOLOGY_PORT_SHIFT as a number, its ports checked free; "auto": one under which every port is
   * free.
   */
  private static int portShift(Settings settings) throws IOException {
    List<Component> components = plan(settings).components();
    if (settings.portShift().equals("auto")) {
      return PortShift.choose(components, 65_536);
    }
    List<Integer> busy =
        LocalPlan.listeningPorts(components).stream()
            .filter(port -> !PortShift.free(port))
            .toList();
    if (!busy.isEmpty()) {
      throw new IllegalStateException("ports in use: " + busy);
    }
    return settings.portShiftNumber();
  }

  /**
   * A private copy of the jar: a rebuild never changes what runs. A rename, so running JVMs keep
   * theirs.
   */
  private static void installJar(Settings settings) throws IOException {
    Path copy = settings.runDir().resolve("weiliao.jar.tmp");
    Files.copy(settings.jarSource(), copy, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        copy, settings.jar(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Supervisor.say("installed " + settings.jarSource() + " as " + settings.jar());
  }
}
