package chat.weiliao.allinone.topology;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Processes of a run directory: launched in a session of their own (they outlive the tool's own
 * JVM, and a Ctrl-C in the caller's terminal does not reach them), output appended to
 * logs/NAME.log, and "pid start-time" in pids/NAME.pid, so a recycled pid is never taken for ours.
 */
final class LocalProcess {
  private static final HttpClient probe =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path logs;
  private final Path pids;

  LocalProcess(Path logs, Path pids) {
    this.logs = logs;
    this.pids = pids;
  }

  Path log(String name) {
    return logs.resolve(name + ".log");
  }

  ProcessHandle launch(String name, List<String> command, Map<String, String> environment)
      throws IOException {
    Files.createDirectories(logs);
    Files.createDirectories(pids);
    List<String> session = new ArrayList<>();
    if (Settings.onPath("setsid")) {
      session.add("setsid");
    }
    session.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(session)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("WEILIAO_") || key.equals("JAVA_OPTS"));
    builder.environment().putAll(environment);
    Files.writeString(
        log(name),
        "==== "
            + Instant.now()
            + " "
            + name
            + ": "
            + String.join(" ", command).replaceAll("(secret=)\\S+", "$1***")
            + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessHandle handle = builder.start().toHandle();
    Files.writeString(pids.resolve(name + ".pid"), handle.pid() + " " + startOf(handle) + "\n");
    return handle;
  }

  /** The process of that name if it runs and is the one this run launched. */
  Optional<ProcessHandle> running(String name) {
    Path file = pids.resolve(name + ".pid");
    try {
      String[] recorded = Files.readString(file).trim().split(" ");
      return ProcessHandle.of(Long.parseLong(recorded[0]))
          .filter(ProcessHandle::isAlive)
          .filter(handle -> Long.toString(startOf(handle)).equals(recorded[1]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  boolean hasPidFile(String name) {
    return Files.exists(pids.resolve(name + ".pid"));
  }

  /** SIGTERM to all at once, then waits; SIGKILL to what still runs after the timeout. */
  void stop(List<String> names, Duration timeout) {
    List<ProcessHandle> handles =
        names.stream().map(this::running).flatMap(Optional::stream).toList();
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle handle : handles) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException late) {
        Supervisor.say(
            "SIGKILL pid " + handle.pid() + " (still running after " + timeout.toSeconds() + " s)");
        handle.destroyForcibly();
        handle.onExit().join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // gone already
      }
    }
    for (String name : names) {
      try {
        Files.deleteIfExists(pids.resolve(name + ".pid"));
      } catch (IOException ignored) {
        // a stale pid file is recognised as stale by its start time
      }
    }
  }

  /** Whether the component answers as its health check asks. */
  static boolean ready(Component component) {
    if (component.readyPath() == null) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", component.readyPort()), 1000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    return status(component.readyPort(), component.readyPath()) == 200;
  }

  /** The status of GET path on 127.0.0.1:port, or 0 when nothing answers. */
  static int status(int port, String path) {
    try {
      return probe
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static long startOf(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }
}
