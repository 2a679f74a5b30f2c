package chat.weiliao.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} pairs after the scenario name, with typed defaults. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, int from) {
    for (int i = from; i + 1 < args.length; i += 2) {
      values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback) {
    return Integer.parseInt(string(key, Integer.toString(fallback)));
  }

  List<Integer> integers(String key, String fallback) {
    List<Integer> list = new ArrayList<>();
    for (String part : string(key, fallback).split(",")) {
      list.add(Integer.parseInt(part.trim()));
    }
    return list;
  }

  /** {@code --url} may list several servers (gateways), comma-separated; setup uses the first. */
  List<URI> urls() {
    List<URI> list = new ArrayList<>();
    for (String part : string("url", "http://127.0.0.1:8080").split(",")) {
      list.add(URI.create(part.trim()));
    }
    return list;
  }

  /** Server process ids whose RSS and heap are reported (comma-separated), or empty. */
  List<Long> pids() {
    List<Long> list = new ArrayList<>();
    String raw = string("server-pid", "");
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        list.add(Long.parseLong(part.trim()));
      }
    }
    return list;
  }

  /** Client source addresses, e.g. 127.0.0.2..127.0.0.5, so one source never runs out of ports. */
  List<String> sources() {
    List<String> list = new ArrayList<>();
    for (String part : string("sources", "127.0.0.1").split(",")) {
      list.add(part.trim());
    }
    return list;
  }
}
