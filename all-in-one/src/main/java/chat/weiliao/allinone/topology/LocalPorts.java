package chat.weiliao.allinone.topology;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rule that puts compose's containers on one machine's 127.0.0.1: a service's container port P
 * is local port P + its {@code x-local.port-offset} + the run's shift (TOPOLOGY_PORT_SHIFT), a
 * service's host name is 127.0.0.1. Applied to environment values and nginx's include lines:
 * "chat-service-1:5701" becomes "127.0.0.1:5702", "redis://redis:6379" "redis://127.0.0.1:6479".
 */
final class LocalPorts {
  private final Map<String, Integer> offsets;
  private final int shift;
  private final Pattern hostPort;

  LocalPorts(ComposeFile compose, int shift) {
    this.offsets =
        compose.services().stream()
            .collect(Collectors.toMap(ComposeFile.Service::name, ComposeFile.Service::portOffset));
    this.shift = shift;
    String names = offsets.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    this.hostPort = Pattern.compile("(?<![\\w.-])(" + names + "):(\\d+)(?![\\w.-])");
  }

  /** The local port of a service's container port. */
  int port(String service, int containerPort) {
    Integer offset = offsets.get(service);
    if (offset == null) {
      throw new IllegalArgumentException("no service named " + service);
    }
    return containerPort + offset + shift;
  }

  boolean isService(String name) {
    return offsets.containsKey(name);
  }

  /** Every "service:port" in the text as "127.0.0.1:localport". */
  String addresses(String text) {
    Matcher matcher = hostPort.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      int local = port(matcher.group(1), Integer.parseInt(matcher.group(2)));
      matcher.appendReplacement(out, "127.0.0.1:" + local);
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * One environment value of {@code service}: ports of its own shifted, service names made local.
   */
  String environmentValue(String service, String name, String value) {
    if (name.endsWith("_PORT") && value.matches("\\d+") && !value.equals("0")) {
      return Integer.toString(port(service, Integer.parseInt(value)));
    }
    if (isService(value) || value.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    return addresses(value);
  }
}
