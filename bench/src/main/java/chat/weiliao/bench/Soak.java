package chat.weiliao.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The soak: N users in contact pairs send open-loop at --rate against the durable store until
 * --minutes have passed and --messages were acked (whichever is later, at most --max-minutes).
 * Every 10 s a sample of the store file's size per stored message and the recent p99; then the
 * history audit. bench/run.sh then restarts the server on the same data and appends the restart
 * figures (see {@link SoakRestart}).
 */
final class Soak {
  private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int HEAP_EVERY_SAMPLES = 6;
  private final Options options;
  private final Report report;
  private final Path storeFile;
  private final long serverPid;
  private final List<double[]> bytesPerMessage = new ArrayList<>();
  private Report.Table samples;
  private Recorder recentDeliveries;
  private Step load;
  private long start;
  private long lastAcked;
  private int sampleCount;

  private Soak(Options options, Report report) {
    this.options = options;
    this.report = report;
    this.storeFile = Path.of(options.string("data-dir", "data")).resolve("mongo.mv");
    this.serverPid = options.pids().get(0);
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    new Soak(options, report).run(vertx);
  }

  private void run(Vertx vertx) throws Exception {
    int users = options.integer("users", 1000) / 2 * 2;
    int rate = options.integer("rate", 1500);
    String store = options.string("store", "durable");
    Users.Pairs pairs = Users.pairs(vertx, options, users);
    writeRestartProbe(pairs);
    PairTraffic traffic = PairTraffic.connect(pairs, new Clients(vertx, options), options);
    samples =
        report.table(
            "Soak samples every 10 s (store "
                + store
                + ", "
                + users
                + " users in pairs, "
                + rate
                + " msg/s offered)",
            "elapsed s",
            "acked",
            "acked msg/s (10 s)",
            "mongo.mv bytes",
            "bytes per stored message",
            "server RSS MiB",
            "server heap after GC MiB",
            "send → recipient p99 ms (10 s)");
    report.note(
        "Soak method",
        "Every "
            + HEAP_EVERY_SAMPLES * 10
            + " s the heap probe runs a full GC in the server "
            + "(jcmd GC.run): the p99 of those windows includes its pause. RSS is read from /proc every sample. "
            + "The p99 of a sample is over the deliveries that arrived in its 10 s.");
    start = System.nanoTime();
    int maxMinutes = options.integer("max-minutes", 30);
    load = new Step(rate, start, 0, maxMinutes * 60);
    traffic.step(load);
    recentDeliveries = traffic.recordRecentDeliveries();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(this::sample, SAMPLE_NANOS, SAMPLE_NANOS, TimeUnit.NANOSECONDS);
    String stopReason = sendUntilDone(traffic, rate, maxMinutes);
    load.drain(load.sent.sum(), options.integer("drain", 60));
    sampler.shutdown();
    sampler.awaitTermination(2, TimeUnit.MINUTES);
    traffic.step(null);
    reportTotals(stopReason, store, traffic);
    report.note("Soak audit (store " + store + ")", traffic.audit().text());
  }

  /** Open-loop in 10 s slices, so the stop conditions are checked between slices. */
  private String sendUntilDone(PairTraffic traffic, int rate, int maxMinutes) {
    long minNanos = TimeUnit.MINUTES.toNanos(options.integer("minutes", 12));
    long maxNanos = TimeUnit.MINUTES.toNanos(maxMinutes);
    long messages = Long.parseLong(options.string("messages", "1000000"));
    while (true) {
      long elapsed = System.nanoTime() - start;
      if (elapsed >= minNanos && load.acked.sum() >= messages) {
        return "--minutes passed and --messages acked";
      }
      if (elapsed >= maxNanos) {
        return "--max-minutes reached";
      }
      if (load.sent.sum() - load.acked.sum() > 120L * rate) {
        return "server fell more than 120 s of load behind";
      }
      long base = load.sent.sum();
      OpenLoop.run(
          rate,
          Math.min(SAMPLE_NANOS, maxNanos - elapsed),
          (index, intended) -> {
            load.sent.increment();
            traffic.send(base + index, intended);
          });
    }
  }

  /** One row of the samples table; the heap (a full GC in the server) only every 60 s. */
  private void sample() {
    try {
      sampleCount++;
      long acked = load.acked.sum();
      long fileBytes = Files.exists(storeFile) ? Files.size(storeFile) : 0;
      Histogram recent = recentDeliveries.getIntervalHistogram();
      String heap =
          sampleCount % HEAP_EVERY_SAMPLES == 0 ? mib(ServerProbe.heapAfterGc(serverPid)) : "";
      samples.row(
          Math.round((System.nanoTime() - start) / 1e9),
          acked,
          (acked - lastAcked) / 10,
          fileBytes,
          acked == 0 ? "—" : fmt(fileBytes / (double) acked),
          mib(ServerProbe.rssBytes(serverPid)),
          heap,
          recent.getTotalCount() == 0 ? "—" : fmt(Report.ms(recent.getValueAtPercentile(99))));
      lastAcked = acked;
      if (acked > 0) {
        bytesPerMessage.add(new double[] {acked, fileBytes / (double) acked});
        report.linePlot(
            "soak-file-bytes-per-message",
            "mongo.mv bytes per stored message",
            "acked messages",
            "bytes / message",
            bytesPerMessage);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("soak sample failed: " + e);
    }
  }

  private void reportTotals(String stopReason, String store, PairTraffic traffic)
      throws IOException {
    double seconds = (System.nanoTime() - start) / 1e9;
    long fileBytes = Files.size(storeFile);
    report.note(
        "Soak totals (store " + store + ")",
        String.format(
            Locale.ROOT,
            "Stopped after %.0f s: %s. Sent %d, "
                + "acked %d (%.0f msg/s), delivered %d, errors %d %s. mongo.mv at the end of the load: %d bytes, %s "
                + "bytes per stored message. Send → recipient over the whole run p50 / p95 / p99 / p99.9 / max: %s ms; "
                + "send → ack: %s ms.",
            seconds,
            stopReason,
            load.sent.sum(),
            load.acked.sum(),
            load.acked.sum() / seconds,
            load.delivered.sum(),
            load.errors.sum(),
            traffic.errorCodes(),
            fileBytes,
            fmt(fileBytes / (double) Math.max(1, load.acked.sum())),
            Report.cell(load.delivery),
            Report.cell(load.ack)));
    report.plot("soak-send-to-recipient", load.rate + "/s", load.delivery);
  }

  /**
   * The first user and conversation, for bench/run.sh's login and history read after the restart.
   */
  private void writeRestartProbe(Users.Pairs pairs) throws IOException {
    Api.Account first = pairs.accounts().get(0);
    Files.writeString(
        report.dir().resolve("restart-probe.env"),
        "PROBE_LOGIN='{\"phone\":\""
            + first.phone()
            + "\",\"password\":\""
            + Api.PASSWORD
            + "\"}'\nPROBE_CONVERSATION="
            + pairs.conversations()[0]
            + "\n");
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
