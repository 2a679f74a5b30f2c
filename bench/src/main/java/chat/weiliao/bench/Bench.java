package chat.weiliao.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;

/**
 * {@code java -jar bench/target/weiliao-bench.jar <scenario> [--url http://127.0.0.1:8080] [--key
 * value ...]}. Runs in its own JVM against a server started separately; bench/run.sh starts the
 * server, runs one scenario and stops it (see docs/benchmarks.md). Results go to
 * bench/results/<scenario>/. A few commands are no scenario but bench/run.sh's helpers:
 * s2-stores-summary, soak-restart.
 */
public final class Bench {
  private static final String USAGE =
      """
      usage: weiliao-bench.jar SCENARIO [--key value ...]
        echo-server  --port 18090                        S0's bare WebSocket echo server (own JVM)
        s0           --url http://127.0.0.1:18090 --connections 1000 --rates 5000,10000,...
        s1           --url URL[,URL...] --connections 10000 --server-pid PID[,PID] --sources 127.0.0.2,...
        s2           --url URL --users 10000 --rates 1000,2000,5000,10000 --seconds 20 --warmup 5
                     --server-warmup 60 [--warmup-rate R]   (unmeasured load first, R/4, R/2, R: for the JIT)
                     [--store NAME]   (names the server's store in the titles; bench/run.sh s2-stores)
        s2-stores-summary --results DIR --stores "memory always everysec"   DIR/summary.md from DIR/<store>/
        soak         --url URL --server-pid PID --data-dir DIR --users 1000 --rate 1500 --minutes 12
                     --messages 1000000 --max-minutes 30 [--store NAME]   durable store, samples every 10 s
        soak-restart --report FILE --server-pid PID --stop-ms --stopped-bytes --live-bytes --health-ms
                     --login-ms --history-ms   (bench/run.sh soak: appends the restart section)
        s3           --url URL --groups 10 --size 100 --rates 50,100,200,500,1000
        s4           --url URL --users 10000 --messages 10 --window 10
        group-fanout --url URL --members 500 --online 500 --messages 50
        moments      --url URL --contacts 5000 --moments 100000 --reads 1000 --posts 50 [--store NAME]
                     timeline reads and posts of a user with 5,000 contacts beside one with 5
        hostile      --url URL --server-pid PID --users 1000 --rate 500 --attackers 200 --seconds 20 --warmup 5
                     --server-warmup 20 --attack-ramp 5 --rss-bound-mib 256   S2 traffic without, then with attackers
      common: --sources 127.0.0.2,127.0.0.3 (client source addresses) --results bench/results
              --report-name NAME (results subdirectory; default the scenario)
      """;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      System.exit(2);
    }
    Options options = new Options(args, 1);
    switch (args[0]) {
      case "echo-server" -> {
        EchoServer.serve(options.integer("port", 18090));
        return;
      }
      case "s2-stores-summary" -> {
        StoresSummary.write(options);
        return;
      }
      case "soak-restart" -> {
        SoakRestart.append(options);
        return;
      }
      default -> {
        // a load scenario: below
      }
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10_000));
    int status = 0;
    try {
      Report report = "group-fanout".equals(args[0]) ? null : new Report(args[0], options, args);
      switch (args[0]) {
        case "s0" -> Echo.run(vertx, options, report);
        case "s1" -> Idle.run(vertx, options, report);
        case "s2" -> Direct.run(vertx, options, report);
        case "soak" -> Soak.run(vertx, options, report);
        case "s3" -> Groups.run(vertx, options, report);
        case "s4" -> Reconnect.run(vertx, options, report);
        case "hostile" -> Hostile.run(vertx, options, report);
        case "moments" -> Moments.run(vertx, options, report);
        case "group-fanout" -> {
          URI url = options.urls().get(0);
          GroupFanout.run(
              vertx,
              url.getHost(),
              url.getPort(),
              options.integer("members", 500),
              options.integer("online", options.integer("members", 500)),
              options.integer("messages", 50));
        }
        default -> throw new IllegalArgumentException("unknown scenario " + args[0] + "\n" + USAGE);
      }
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    System.exit(status);
  }
}
