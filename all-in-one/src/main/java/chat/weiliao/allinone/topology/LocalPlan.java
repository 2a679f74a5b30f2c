package chat.weiliao.allinone.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps each service of the compose file to a local {@link Component}. The Weiliao image becomes
 * {@code java JAVA_OPTS x-local.java-opts -cp <jar> WEILIAO_MAIN} (or {@code x-local.main}: the
 * embedded MongoDB-wire server stands in for mongo:7), redis:7 the local redis-server with the same
 * options, coturn the local turnserver, nginx the local nginx with docker/nginx.conf and local
 * includes ({@link LocalNginx}). Environment values go through {@link LocalPorts}; secrets become
 * files in the run directory. Readiness is what the service's compose health check asks (an HTTP
 * URL, else a TCP port), on the local port.
 */
final class LocalPlan {
  private static final Pattern HEALTH_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)");
  private static final Pattern TCP_CHECK = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)");
  private final ComposeFile compose;
  private final LocalPorts ports;
  private final Settings settings;

  LocalPlan(ComposeFile compose, Settings settings) {
    this.compose = compose;
    this.settings = settings;
    this.ports = new LocalPorts(compose, settings.portShiftNumber());
  }

  LocalPorts ports() {
    return ports;
  }

  /** Every service that runs locally, in file order (coturn only when TOPOLOGY_TURN allows). */
  List<Component> components() {
    List<Component> components = new ArrayList<>();
    for (ComposeFile.Service service : compose.services()) {
      if (!service.image().startsWith("coturn/") || settings.turnEnabled()) {
        components.add(component(service));
      }
    }
    List<String> names = components.stream().map(Component::name).toList();
    return components.stream()
        .map(
            c ->
                new Component(
                    c.name(),
                    c.command(),
                    c.environment(),
                    c.dependsOn().stream().filter(names::contains).toList(),
                    c.readyPort(),
                    c.readyPath(),
                    c.endpoint()))
        .toList();
  }

  /** Every port the components listen on: their ready ports and their *_PORT settings. */
  static Set<Integer> listeningPorts(List<Component> components) {
    Set<Integer> ports = new TreeSet<>();
    for (Component component : components) {
      ports.add(component.readyPort());
      component
          .environment()
          .forEach(
              (name, value) -> {
                if (name.endsWith("_PORT") && value.matches("\\d+") && !value.equals("0")) {
                  ports.add(Integer.parseInt(value));
                }
              });
    }
    return ports;
  }

  private Component component(ComposeFile.Service service) {
    String image = service.image();
    if (image.startsWith("redis:")) {
      return redis(service);
    }
    if (image.startsWith("coturn/")) {
      return turn(service);
    }
    if (image.startsWith("nginx:")) {
      return nginx(service);
    }
    return java(service);
  }

  private Component java(ComposeFile.Service service) {
    Map<String, String> env = new LinkedHashMap<>(settings.passedThrough());
    service.environment().forEach((name, value) -> env.put(name, localValue(service, name, value)));
    Map<String, Object> extra = ComposeFile.map(service.local().get("environment"));
    extra.forEach((name, value) -> env.put(name, localValue(service, name, String.valueOf(value))));
    env.put(
        "WEILIAO_DATA_DIR", settings.runDir().resolve("data").resolve(service.name()).toString());
    String main = service.localString("main", env.remove("WEILIAO_MAIN"));
    if (main == null) {
      throw new IllegalArgumentException(service.name() + ": no WEILIAO_MAIN and no x-local.main");
    }
    List<String> command = new ArrayList<>(List.of(settings.java()));
    command.addAll(words(env.remove("JAVA_OPTS")));
    command.addAll(
        words(
            service.localString(
                "java-opts", String.valueOf(compose.local().getOrDefault("java-opts", "")))));
    // The run directory on the command line tells this run's processes from any other's.
    command.addAll(
        List.of(
            "-Dweiliao.topology=" + settings.runDir().resolve(service.name()),
            "-cp",
            settings.runClasspath(),
            main));
    int readyPort = readyPort(service);
    String readyPath = readyPath(service);
    String endpoint =
        env.containsKey("WEILIAO_HTTP_PORT")
            ? "http://127.0.0.1:" + env.get("WEILIAO_HTTP_PORT")
            : readyPath != null
                ? "http://127.0.0.1:" + readyPort + readyPath
                : "tcp://127.0.0.1:" + readyPort;
    return new Component(
        service.name(), command, env, service.dependsOn(), readyPort, readyPath, endpoint);
  }

  private Component redis(ComposeFile.Service service) {
    int port = ports.port(service.name(), readyContainerPort(service));
    List<String> command = new ArrayList<>(List.of(settings.redisServer()));
    command.addAll(service.command().subList(1, service.command().size()));
    command.addAll(
        List.of(
            "--bind",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--dir",
            dataDir(service).toString(),
            "--save",
            ""));
    return new Component(
        service.name(),
        command,
        Map.of(),
        service.dependsOn(),
        port,
        null,
        "redis://127.0.0.1:" + port);
  }

  /**
   * coturn with compose's options, except that it listens and relays on 127.0.0.1 at local ports.
   */
  private Component turn(ComposeFile.Service service) {
    int port = ports.port(service.name(), 3478);
    List<String> command = new ArrayList<>(List.of(settings.turnServer()));
    for (String option : service.command()) {
      String name = option.split("=", 2)[0];
      if (List.of("--denied-peer-ip", "--external-ip", "--listening-port").contains(name)) {
        continue; // locally every peer is on 127.0.0.1
      }
      if (name.equals("--min-port") || name.equals("--max-port")) {
        option = name + "=" + ports.port(service.name(), Integer.parseInt(option.split("=", 2)[1]));
      }
      command.add(option);
    }
    command.addAll(
        List.of(
            "--listening-ip=127.0.0.1",
            "--relay-ip=127.0.0.1",
            "--allow-loopback-peers",
            "--listening-port=" + port,
            "--pidfile=" + dataDir(service).resolve("turnserver.pid")));
    return new Component(
        service.name(),
        command,
        Map.of(),
        service.dependsOn(),
        port,
        null,
        "turn:127.0.0.1:" + port);
  }

  private Component nginx(ComposeFile.Service service) {
    Path dir = settings.runDir().resolve("nginx");
    int port = readyPort(service);
    return new Component(
        service.name(),
        List.of(
            settings.nginx(),
            "-e",
            "stderr",
            "-c",
            dir.resolve("nginx.conf").toString(),
            "-g",
            "daemon off;"),
        Map.of(),
        service.dependsOn(),
        port,
        readyPath(service),
        "http://127.0.0.1:" + port);
  }

  /** The compose volume source mounted at {@code target} (relative to the compose file). */
  Path volumeSource(String service, String target) {
    for (String volume : compose.service(service).volumes()) {
      String[] parts = volume.split(":");
      if (parts.length >= 2 && parts[1].equals(target)) {
        return compose.path().toAbsolutePath().getParent().resolve(parts[0]).normalize();
      }
    }
    throw new IllegalArgumentException(service + " mounts nothing at " + target);
  }

  private String localValue(ComposeFile.Service service, String name, String value) {
    if (value.startsWith("/run/secrets/")) {
      String file = compose.secretFiles().get(value.substring("/run/secrets/".length()));
      return settings.secretsDir().resolve(Path.of(file).getFileName()).toString();
    }
    return ports.environmentValue(service.name(), name, value);
  }

  private Path dataDir(ComposeFile.Service service) {
    return settings.runDir().resolve("data").resolve(service.name());
  }

  private int readyPort(ComposeFile.Service service) {
    return ports.port(service.name(), readyContainerPort(service));
  }

  /** The port the health check asks, else x-local.ready-port. */
  private static int readyContainerPort(ComposeFile.Service service) {
    String test = String.join(" ", service.healthTest());
    for (Pattern pattern : List.of(HEALTH_URL, TCP_CHECK)) {
      Matcher matcher = pattern.matcher(test);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    String port = service.localString("ready-port", null);
    if (port == null) {
      throw new IllegalArgumentException(
          service.name() + ": no HTTP or TCP health check and no x-local.ready-port");
    }
    return Integer.parseInt(port);
  }

  private static String readyPath(ComposeFile.Service service) {
    Matcher matcher = HEALTH_URL.matcher(String.join(" ", service.healthTest()));
    return matcher.find() ? matcher.group(2) : null;
  }

  private static List<String> words(String text) {
    return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }
}
