package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Some Weiliao nodes of the compose file as local processes, for a caller that decides itself when
 * each starts and dies (the tests' ProcessCluster): the same command, environment, ports and health
 * checks as a full local run, on a free port range, with the caller's settings (e.g. stores of its
 * own) laid over compose's environment.
 */
public final class ComposeNodes {
  private final Map<String, Component> nodes;
  private final Map<String, String> overrides;
  private final LocalProcess processes;

  private ComposeNodes(
      Map<String, Component> nodes, Map<String, String> overrides, LocalProcess processes) {
    this.nodes = nodes;
    this.overrides = overrides;
    this.processes = processes;
  }

  /**
   * Plans {@code names} (compose service names) from {@code compose}, running from {@code
   * classpath}, with secrets, data, logs and pids under {@code runDir}; every port they listen on
   * is shifted to be free and below {@code portLimit}.
   */
  public static ComposeNodes plan(
      Path compose,
      List<String> names,
      String classpath,
      Path runDir,
      Map<String, String> overrides,
      int portLimit)
      throws IOException {
    Secrets.write(compose, runDir.resolve("secrets"));
    Function<Integer, Map<String, Component>> planned =
        shift -> {
          Settings settings =
              new Settings(
                  compose,
                  runDir,
                  null,
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "nginx",
                  "redis-server",
                  "turnserver",
                  Integer.toString(shift),
                  "off",
                  Duration.ZERO,
                  Duration.ZERO,
                  Map.of(),
                  classpath);
          try {
            Map<String, String> variables = new HashMap<>(System.getenv());
            variables.put("TURN_SECRET", "unused");
            LocalPlan plan = new LocalPlan(ComposeFile.read(compose, variables), settings);
            Map<String, Component> byName =
                plan.components().stream().collect(Collectors.toMap(Component::name, c -> c));
            Map<String, Component> chosen = new LinkedHashMap<>();
            names.forEach(name -> chosen.put(name, requireNode(byName, name)));
            return chosen;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    int shift = PortShift.choose(List.copyOf(planned.apply(0).values()), portLimit);
    for (String name : names) {
      Files.createDirectories(runDir.resolve("data").resolve(name));
    }
    return new ComposeNodes(
        planned.apply(shift),
        Map.copyOf(overrides),
        new LocalProcess(runDir.resolve("logs"), runDir.resolve("pids")));
  }

  private static Component requireNode(Map<String, Component> byName, String name) {
    Component component = byName.get(name);
    if (component == null) {
      throw new IllegalArgumentException(
          "no service " + name + " in the compose file; one of " + byName.keySet());
    }
    return component;
  }

  /** Launches the node (its output appended to {@link #log}); does not wait. */
  public ProcessHandle launch(String name) throws IOException {
    Component node = nodes.get(name);
    Map<String, String> environment = new LinkedHashMap<>(node.environment());
    environment.putAll(overrides);
    return processes.launch(name, node.command(), environment);
  }

  /** Whether the node answers as its compose health check asks. */
  public boolean ready(String name) {
    return LocalProcess.ready(nodes.get(name));
  }

  public String readiness(String name) {
    return nodes.get(name).readiness();
  }

  /** The node's setting as launched (e.g. WEILIAO_HTTP_PORT). */
  public String setting(String name, String variable) {
    return overrides.getOrDefault(variable, nodes.get(name).environment().get(variable));
  }

  public Path log(String name) {
    return processes.log(name);
  }

  public List<String> names() {
    return List.copyOf(nodes.keySet());
  }
}
