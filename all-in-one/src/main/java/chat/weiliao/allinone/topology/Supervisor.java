package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link LocalPlan}: starts the components in dependency order (a component once all it
 * depends on is ready, as compose's {@code condition: service_healthy}), stops them front to back,
 * restarts one by name (rolling restarts) and reports their state.
 */
final class Supervisor {
  private final List<Component> components;
  private final LocalProcess processes;
  private final Settings settings;

  Supervisor(List<Component> components, Settings settings) {
    this.components = components;
    this.settings = settings;
    this.processes = new LocalProcess(settings.logs(), settings.pids());
  }

  static void say(String line) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
  }

  /** Components whose dependencies are all in {@code before}, wave after wave. */
  List<List<Component>> waves() {
    List<List<Component>> waves = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < components.size()) {
      List<Component> wave =
          components.stream()
              .filter(c -> !placed.contains(c.name()) && placed.containsAll(c.dependsOn()))
              .toList();
      if (wave.isEmpty()) {
        throw new IllegalStateException(
            "depends_on has a cycle among "
                + components.stream()
                    .map(Component::name)
                    .filter(n -> !placed.contains(n))
                    .toList());
      }
      wave.forEach(c -> placed.add(c.name()));
      waves.add(wave);
    }
    return waves;
  }

  /** Starts everything; on a failure stops what it started and rethrows. */
  void startAll() throws IOException {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    try {
      for (List<Component> wave : waves()) {
        for (Component component : wave) {
          launch(component);
        }
        for (Component component : wave) {
          awaitReady(component, deadline);
        }
      }
    } catch (IOException | RuntimeException e) {
      say("start failed; stopping what was started");
      stopAll();
      throw e;
    }
  }

  /** Front to back: the last wave first, the stores last. */
  void stopAll() {
    List<List<Component>> waves = waves();
    boolean any = false;
    for (int i = waves.size() - 1; i >= 0; i--) {
      List<String> names =
          waves.get(i).stream().map(Component::name).filter(processes::hasPidFile).toList();
      List<String> running = names.stream().filter(n -> processes.running(n).isPresent()).toList();
      if (!running.isEmpty()) {
        any = true;
        say("SIGTERM " + String.join(" ", running));
      }
      processes.stop(names, settings.stopTimeout());
    }
    say(any ? "stopped" : "nothing running in " + settings.runDir());
  }

  /**
   * Stops one component and starts it again. Never takes a member away while the cluster's data
   * lacks a backup (a gateway's /health reports the Hazelcast cluster safe): two departures in a
   * row could lose it.
   */
  void restart(String name) throws IOException {
    Component component = component(name);
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    awaitClusterSafe(deadline);
    say("SIGTERM " + name);
    processes.stop(List.of(name), settings.stopTimeout());
    launch(component);
    awaitReady(component, deadline);
    awaitClusterSafe(deadline);
  }

  /** Prints a table; 0: all run, 3: nothing runs, 1: something died. */
  int status() {
    List<Component> known =
        components.stream().filter(c -> processes.hasPidFile(c.name())).toList();
    if (known.isEmpty()) {
      System.out.println("not running (" + settings.runDir() + ")");
      return 3;
    }
    System.out.printf("%-22s %-8s %-8s %s%n", "COMPONENT", "STATE", "PID", "ENDPOINT");
    int dead = 0;
    for (Component component : known) {
      Optional<ProcessHandle> handle = processes.running(component.name());
      if (handle.isPresent()) {
        System.out.printf(
            "%-22s %-8s %-8d %s%n",
            component.name(), "running", handle.get().pid(), component.endpoint());
      } else {
        dead++;
        System.out.printf(
            "%-22s %-8s %-8s %s%n",
            component.name(), "dead", "-", "(see " + processes.log(component.name()) + ")");
      }
    }
    return dead == 0 ? 0 : 1;
  }

  /** Whether any component of this run still runs (start refuses then). */
  List<String> running() {
    return components.stream()
        .map(Component::name)
        .filter(n -> processes.running(n).isPresent())
        .toList();
  }

  /** Each component's endpoint, for callers such as the drills: name=endpoint lines. */
  void writeEndpoints(Path file) throws IOException {
    StringBuilder text = new StringBuilder("# name=endpoint, written by the local topology tool\n");
    components.forEach(c -> text.append(c.name()).append('=').append(c.endpoint()).append('\n'));
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Component component(String name) {
    return components.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no component named '"
                        + name
                        + "'; one of: "
                        + components.stream().map(Component::name).toList()));
  }

  private void launch(Component component) throws IOException {
    processes.launch(component.name(), component.command(), component.environment());
  }

  private void awaitReady(Component component, long deadline) {
    while (!LocalProcess.ready(component)) {
      if (processes.running(component.name()).isEmpty()) {
        throw new IllegalStateException(
            component.name()
                + " exited before "
                + component.readiness()
                + "\n"
                + tail(component.name()));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            component.name()
                + ": no "
                + component.readiness()
                + " within "
                + settings.startTimeout().toSeconds()
                + " s\n"
                + tail(component.name()));
      }
      pause();
    }
    say(
        component.name()
            + ": "
            + component.readiness()
            + " (pid "
            + processes.running(component.name()).map(ProcessHandle::pid).orElse(-1L)
            + ")");
  }

  /** Until a running gateway answers /health 200 (every service answers, the cluster is safe). */
  private void awaitClusterSafe(long deadline) {
    List<Component> gateways =
        components.stream().filter(c -> c.environment().containsKey("WEILIAO_HTTP_PORT")).toList();
    while (true) {
      for (Component gateway : gateways) {
        if (processes.running(gateway.name()).isPresent() && LocalProcess.ready(gateway)) {
          say("cluster safe (all data backed up)");
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the cluster did not become safe within " + settings.startTimeout().toSeconds() + " s");
      }
      pause();
    }
  }

  private String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(processes.log(name));
      return "---- last lines of "
          + processes.log(name)
          + " ----\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + processes.log(name) + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
