package chat.weiliao.bench;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;

/**
 * S2 (and S5 through nginx): N online users in pairs of contacts; open-loop steps at fixed rates,
 * user k % N sending to its partner. Measures send → the partner's message.new and send → ack, the
 * rates achieved, and at the end audits via history that every acked message is stored exactly
 * once. {@code --store NAME} (bench/run.sh s2-stores) names the server's store in the titles.
 */
final class Direct {
  private final Options options;
  private final Report report;
  private PairTraffic traffic;

  private Direct(Options options, Report report) {
    this.options = options;
    this.report = report;
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    new Direct(options, report).run(vertx);
  }

  private void run(Vertx vertx) throws Exception {
    int users = options.integer("users", 10_000) / 2 * 2;
    Users.Pairs pairs = Users.pairs(vertx, options, users);
    Clients clients = new Clients(vertx, options);
    traffic = PairTraffic.connect(pairs, clients, options);
    String store = options.string("store", "");
    String storeLabel = store.isEmpty() ? "" : ", store " + store;

    Report.Table table =
        report.table(
            "S2 1:1 persisted messaging ("
                + users
                + " users online in pairs, "
                + clients.targets()
                + " target(s)"
                + storeLabel
                + ")",
            "offered msg/s",
            "acked msg/s",
            "delivered msg/s",
            "send → recipient p50 / p95 / p99 / p99.9 / max ms",
            "send → ack p50 / p95 / p99 / p99.9 / max ms",
            "sent",
            "acked",
            "delivered",
            "errors",
            "server CPU cores / µs per message");
    int serverWarmup = options.integer("server-warmup", 60);
    List<Integer> rates = options.integers("rates", "1000,2000,5000,10000");
    long counter = 0;
    if (serverWarmup > 0) {
      // A cold server (interpreted, C2 still compiling) handles a fraction of its warm rate; load
      // it
      // at the full warm-up rate at once and it builds a backlog that the measured steps inherit.
      int rate = options.integer("warmup-rate", rates.get(0));
      for (int share : new int[] {4, 2, 1}) {
        System.out.printf(
            "server warm-up: %d s at %d msg/s (JIT), not measured%n",
            serverWarmup / 3, rate / share);
        counter +=
            sendStep(
                new Step(Math.max(1, rate / share), System.nanoTime(), serverWarmup / 3, 0),
                counter);
      }
    }
    ServerProbe.startJfr(options);
    for (int rate : rates) {
      Step current =
          new Step(
              rate,
              System.nanoTime(),
              options.integer("warmup", 5),
              options.integer("seconds", 20));
      double cpuBefore = ServerProbe.cpuSeconds(options);
      long total = sendStep(current, counter);
      String cpu =
          Report.cpu(
              ServerProbe.cpuSeconds(options) - cpuBefore,
              (System.nanoTime() - current.start) / 1e9,
              total);
      counter += total;
      table.row(
          rate,
          fmt(current.ackedPerSecond()),
          fmt(current.deliveredPerSecond()),
          Report.cell(current.delivery),
          Report.cell(current.ack),
          total,
          current.acked.sum(),
          current.delivered.sum(),
          current.errors.sum(),
          cpu);
      report.plot("s2-send-to-recipient", rate + "/s", current.delivery);
      report.plot("s2-send-to-ack", rate + "/s", current.ack);
      if (current.deliveredPerSecond() < 0.9 * rate
          || current.delivered.sum() < total
          || current.delivery.getValueAtPercentile(99) > 5_000_000_000L) {
        System.out.println(
            "delivered rate fell below 90% of offered, or p99 over 5 s: breaking point");
        break;
      }
    }
    traffic.step(null);
    ServerProbe.stopJfr(options);
    if (!traffic.errorCodes().isEmpty()) {
      report.note("S2 errors" + storeLabel, "error frames by code: " + traffic.errorCodes());
    }
    report.note("S2 audit" + storeLabel, traffic.audit().text());
  }

  private long sendStep(Step current, long base) {
    return traffic.sendStep(current, base, options.integer("drain", 60));
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
