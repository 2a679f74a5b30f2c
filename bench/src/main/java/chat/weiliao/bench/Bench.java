package chat.weiliao.bench;

import io.vertx.core.Vertx;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar bench/target/weiliao-bench.jar <scenario> [--url http://127.0.0.1:8080] [--key value ...]}.
 * Runs in its own JVM against a server started separately (see docs/benchmarks.md).
 */
public final class Bench {
  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: Bench group-fanout [--url URL] [--members 500] [--online 500] [--messages 50]");
      System.exit(2);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
    Vertx vertx = Vertx.vertx();
    try {
      switch (args[0]) {
        case "group-fanout" -> GroupFanout.run(vertx, url.getHost(), url.getPort(),
            Integer.parseInt(options.getOrDefault("members", "500")),
            Integer.parseInt(options.getOrDefault("online", options.getOrDefault("members", "500"))),
            Integer.parseInt(options.getOrDefault("messages", "50")));
        default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
      }
    } finally {
      vertx.close();
    }
  }
}
