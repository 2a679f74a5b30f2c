package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/docker-compose.yml as the local tool needs it: the services in file order with their
 * image, environment, depends_on, health check, command and volumes, plus the {@code x-local}
 * extensions that say how to run them as plain processes. Parsed by SnakeYAML (anchors and {@code
 * <<} merges included), then compose's {@code ${VAR}} substitution on every string.
 */
record ComposeFile(
    Path path, List<Service> services, Map<String, String> secretFiles, Map<String, Object> local) {

  /** One compose service; {@code local} is its {@code x-local} map (empty when it has none). */
  record Service(
      String name,
      String image,
      Map<String, String> environment,
      List<String> dependsOn,
      List<String> healthTest,
      List<String> command,
      List<String> volumes,
      Map<String, Object> local) {

    int portOffset() {
      Object offset = local.get("port-offset");
      return offset == null ? 0 : Integer.parseInt(offset.toString());
    }

    String localString(String key, String fallback) {
      Object value = local.get(key);
      return value == null ? fallback : value.toString();
    }
  }

  /**
   * Reads the file; variables the file names but {@code variables} lacks come from its
   * x-local.variables.
   */
  static ComposeFile read(Path path, Map<String, String> variables) throws IOException {
    Map<String, Object> raw;
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    map(map(raw.get("x-local")).get("variables"))
        .forEach((k, v) -> resolved.put(k, String.valueOf(v)));
    resolved.putAll(variables);
    Map<String, Object> file = map(interpolate(raw, resolved));
    List<Service> services = new ArrayList<>();
    map(file.get("services")).forEach((name, body) -> services.add(service(name, map(body))));
    Map<String, String> secrets = new LinkedHashMap<>();
    map(file.get("secrets"))
        .forEach((name, body) -> secrets.put(name, String.valueOf(map(body).get("file"))));
    return new ComposeFile(path, List.copyOf(services), secrets, map(file.get("x-local")));
  }

  Service service(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no service named '" + name + "' in " + path));
  }

  private static Service service(String name, Map<String, Object> body) {
    Map<String, String> environment = new LinkedHashMap<>();
    Object env = body.get("environment");
    if (env instanceof Map<?, ?> entries) {
      entries.forEach((k, v) -> environment.put(k.toString(), v == null ? "" : v.toString()));
    } else {
      strings(env)
          .forEach(
              line ->
                  environment.put(
                      line.split("=", 2)[0], line.contains("=") ? line.split("=", 2)[1] : ""));
    }
    Object depends = body.get("depends_on");
    List<String> dependsOn =
        depends instanceof Map<?, ?> m
            ? m.keySet().stream().map(Object::toString).toList()
            : strings(depends);
    return new Service(
        name,
        String.valueOf(body.get("image")),
        environment,
        dependsOn,
        strings(map(body.get("healthcheck")).get("test")),
        strings(body.get("command")),
        strings(body.get("volumes")),
        map(body.get("x-local")));
  }

  private static Object interpolate(Object node, Map<String, String> variables) {
    if (node instanceof String text) {
      return Interpolation.apply(text, variables);
    }
    if (node instanceof Map<?, ?> entries) {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k.toString(), interpolate(v, variables)));
      return out;
    }
    if (node instanceof List<?> items) {
      return items.stream().map(item -> interpolate(item, variables)).toList();
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
  }

  static List<String> strings(Object node) {
    if (node instanceof List<?> items) {
      return items.stream().map(String::valueOf).toList();
    }
    return node == null ? List.of() : List.of(node.toString().split("\\s+"));
  }
}
