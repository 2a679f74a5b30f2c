package chat.weiliao.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile clients (issue 15): the S2 pair traffic of honest users at one rate, measured twice on
 * the same server, without and then with {@link HostileClients} attacking beside it. Reports the
 * honest users' send → recipient latency and the server's memory (peak RSS during the window, heap
 * after a full GC at its end) for both, and whether the honest p99 stayed within 2× and the
 * server's RSS within {@code --rss-bound-mib} of the figure without the attack.
 */
final class Hostile {
  private final Options options;
  private final Report report;
  private final long pid;
  private PairTraffic traffic;
  private long sent;

  /**
   * One measured window: its step, the server's memory, and the CPU of the server and of this JVM
   * (cores).
   */
  private record Phase(
      Step step,
      long peakRssBytes,
      long heapBytes,
      double serverCores,
      double benchCores,
      String serverCoresByThread) {}

  private Hostile(Options options, Report report) {
    this.options = options;
    this.report = report;
    this.pid = options.pids().get(0);
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    new Hostile(options, report).run(vertx);
  }

  private void run(Vertx vertx) throws Exception {
    int users = options.integer("users", 1000) / 2 * 2;
    int rate = options.integer("rate", 500);
    int attackers = options.integer("attackers", 200);
    URI url = options.urls().get(0);
    traffic =
        PairTraffic.connect(
            Users.pairs(vertx, options, users), new Clients(vertx, options), options);
    List<String> attackerTokens = attackerTokens(vertx, url, attackers);
    int warmup = options.integer("server-warmup", 20);
    System.out.printf("server warm-up: %d s at %d msg/s, not measured%n", warmup, rate);
    sent += traffic.sendStep(new Step(rate, System.nanoTime(), warmup, 0), sent, 60);

    Phase quiet = measure(rate);
    String cgroup = options.string("attack-cgroup", "");
    try (HostileClients attack =
        new HostileClients(
            url.getHost(), url.getPort(), cgroup.isEmpty() ? null : Path.of(cgroup))) {
      attack.start(attackerTokens);
      Async.sleep(options.integer("attack-ramp", 5) * 1000L);
      ServerProbe.startJfr(options);
      Phase attacked = measure(rate);
      ServerProbe.stopJfr(options);
      report.note("Attack", attack.summary());
      if (!cgroup.isEmpty()) {
        report.note(
            "Attackers' CPU",
            "capped at " + cgroupCores(Path.of(cgroup)) + " cores (" + cgroup + ")");
      }
      table(users, rate, attackers, quiet, attacked);
      report.note(
          "Server CPU by thread (cores)",
          "without attack: "
              + quiet.serverCoresByThread
              + ". With attack: "
              + attacked.serverCoresByThread
              + ".");
    }
    traffic.step(null);
  }

  /**
   * Accounts of their own for the attackers that need a valid token (bombs, floods, slowloris): a
   * per-user socket cap must not be what stops them. Registered 200 ms after the honest users, so
   * {@link Users#prefix()} (the clock in tenths of a second) differs.
   */
  private List<String> attackerTokens(Vertx vertx, URI url, int attackers) throws Exception {
    Async.sleep(200);
    Api api = new Api(vertx, url.getHost(), url.getPort());
    return Users.register(api, Users.prefix(), attackers, options.integer("parallel", 32)).stream()
        .map(Api.Account::token)
        .toList();
  }

  /** One measured step at the rate, sampling the server's RSS meanwhile; then its heap after GC. */
  private Phase measure(int rate) {
    Step step =
        new Step(
            rate, System.nanoTime(), options.integer("warmup", 5), options.integer("seconds", 20));
    AtomicLong peakRss = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              try {
                while (true) {
                  peakRss.accumulateAndGet(ServerProbe.rssBytes(pid), Math::max);
                  Thread.sleep(250);
                }
              } catch (InterruptedException stopped) {
                // the window is over
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    double serverCpu = ServerProbe.cpuSeconds(options);
    Map<String, Double> byThread = ServerProbe.cpuSecondsByThreadGroup(pid);
    double benchCpu = benchCpuSeconds();
    long started = System.nanoTime();
    sent += traffic.sendStep(step, sent, options.integer("drain", 60));
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    return new Phase(
        step,
        peakRss.get(),
        ServerProbe.heapAfterGc(pid),
        (ServerProbe.cpuSeconds(options) - serverCpu) / seconds,
        (benchCpuSeconds() - benchCpu) / seconds,
        busiestThreads(byThread, ServerProbe.cpuSecondsByThreadGroup(pid), seconds));
  }

  /** The thread groups that used at least 0.01 cores between two readings, busiest first. */
  private static String busiestThreads(
      Map<String, Double> before, Map<String, Double> after, double seconds) {
    return after.entrySet().stream()
        .map(
            group ->
                Map.entry(
                    group.getKey(),
                    (group.getValue() - before.getOrDefault(group.getKey(), 0.0)) / seconds))
        .filter(group -> group.getValue() >= 0.01)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(group -> String.format(Locale.ROOT, "%s %.2f", group.getKey(), group.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The CPU quota of a cgroup (v1 cpu controller), in cores. */
  private static String cgroupCores(Path cgroup) throws IOException {
    long quota = Long.parseLong(Files.readString(cgroup.resolve("cpu.cfs_quota_us")).trim());
    long period = Long.parseLong(Files.readString(cgroup.resolve("cpu.cfs_period_us")).trim());
    return String.format(Locale.ROOT, "%.2f", (double) quota / period);
  }

  /** CPU seconds this JVM (the honest users' client and the attackers' threads) has used so far. */
  private static double benchCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(cpu -> cpu.toNanos() / 1e9)
        .orElse(0.0);
  }

  private void table(int users, int rate, int attackers, Phase quiet, Phase attacked) {
    Report.Table table =
        report.table(
            "Hostile clients: "
                + users
                + " honest users at "
                + rate
                + " msg/s, "
                + attackers
                + " attackers",
            "phase",
            "delivered msg/s",
            "send → recipient p50 / p95 / p99 / p99.9 / max ms",
            "errors",
            "server peak RSS MiB",
            "server heap after GC MiB",
            "server CPU cores",
            "bench JVM CPU cores");
    row(table, "without attack", quiet);
    row(table, "with attack", attacked);
    double p99Ratio =
        (double) attacked.step.delivery.getValueAtPercentile(99)
            / Math.max(1, quiet.step.delivery.getValueAtPercentile(99));
    long rssGrowthMib = (attacked.peakRssBytes - quiet.peakRssBytes) >> 20;
    int rssBound = options.integer("rss-bound-mib", 256);
    report.note(
        "Verdict",
        String.format(
            Locale.ROOT,
            "Honest p99 with / without the attack: %.2f× (bound 2×: %s). "
                + "Server peak RSS grew by %d MiB under the attack (bound %d MiB: %s).",
            p99Ratio,
            p99Ratio <= 2 ? "held" : "NOT held",
            rssGrowthMib,
            rssBound,
            rssGrowthMib <= rssBound ? "held" : "NOT held"));
  }

  private static void row(Report.Table table, String phase, Phase measured) {
    table.row(
        phase,
        String.format(Locale.ROOT, "%.0f", measured.step.deliveredPerSecond()),
        Report.cell(measured.step.delivery),
        measured.step.errors.sum(),
        measured.peakRssBytes >> 20,
        measured.heapBytes >> 20,
        String.format(Locale.ROOT, "%.2f", measured.serverCores),
        String.format(Locale.ROOT, "%.2f", measured.benchCores));
  }
}
