package chat.weiliao.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run.sh s2-stores' summary.md: S2's steps per store side by side, read back from each
 * store's report.md (its S2 table and audit line) and store.properties (mongo.mv sizes run.sh
 * took).
 */
final class StoresSummary {
  private static final Pattern AUDIT =
      Pattern.compile("(\\d+) acked messages checked, (\\d+) lost, (\\d+) duplicated");
  private static final String BASELINE = "memory";

  /** One store's S2 rows by offered rate, each row by column header. */
  private record Run(String store, Map<String, Map<String, String>> byRate, String report) {}

  private StoresSummary() {}

  static void write(Options options) throws IOException {
    Path root = Path.of(options.string("results", "bench/results/s2-stores"));
    List<Run> runs = new ArrayList<>();
    for (String store : options.string("stores", "memory always everysec").trim().split("\\s+")) {
      Path report = root.resolve(store).resolve("report.md");
      if (Files.exists(report)) {
        String text = Files.readString(report);
        runs.add(new Run(store, s2Rows(text), text));
      }
    }
    String summary =
        "# S2 by store — "
            + java.time.Instant.now()
            + "\n\nStores: memory = in memory "
            + "(WEILIAO_EMBEDDED_PERSIST=false); always, everysec = durable mongo.mv with WEILIAO_EMBEDDED_FSYNC=always "
            + "or everysec. Same S2 options for each, a fresh server each; details in <store>/report.md.\n\n"
            + throughput(runs)
            + files(runs, root);
    Files.writeString(root.resolve("summary.md"), summary);
    System.out.print(summary);
  }

  private static String throughput(List<Run> runs) {
    Map<String, Map<String, String>> baseline =
        runs.stream()
            .filter(run -> run.store().equals(BASELINE))
            .map(Run::byRate)
            .findFirst()
            .orElse(Map.of());
    List<List<String>> rows = new ArrayList<>();
    for (Run run : runs) {
      run.byRate()
          .forEach(
              (rate, row) -> {
                String[] recipient =
                    row.get("send → recipient p50 / p95 / p99 / p99.9 / max ms").split(" / ");
                rows.add(
                    List.of(
                        run.store(),
                        rate,
                        row.get("acked msg/s"),
                        row.get("delivered msg/s"),
                        recipient[0],
                        recipient.length > 2 ? recipient[2] : "—",
                        ratio(row, baseline.get(rate), "acked msg/s"),
                        ratio(row, baseline.get(rate), "delivered msg/s")));
              });
    }
    return Report.markdown(
        "S2 throughput and latency by store (stores: "
            + String.join(", ", runs.stream().map(Run::store).toList())
            + ")",
        List.of(
            "store",
            "offered msg/s",
            "acked msg/s",
            "delivered msg/s",
            "send → recipient p50 ms",
            "send → recipient p99 ms",
            "acked ÷ memory",
            "delivered ÷ memory"),
        rows);
  }

  private static String files(List<Run> runs, Path root) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Run run : runs) {
      Path sizes = root.resolve(run.store()).resolve("store.properties");
      if (!Files.exists(sizes)) {
        continue;
      }
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(sizes)) {
        file.load(reader);
      }
      Matcher audit = AUDIT.matcher(run.report());
      boolean audited = audit.find();
      long stored = audited ? Long.parseLong(audit.group(1)) : 0;
      long atEnd = Long.parseLong(file.getProperty("fileBytesAtEnd", "0"));
      rows.add(
          List.of(
              run.store(),
              Long.toString(stored),
              audited ? audit.group(2) + " / " + audit.group(3) : "—",
              Long.toString(atEnd),
              file.getProperty("fileBytesAfterStop", "—"),
              stored == 0 ? "—" : String.format(Locale.ROOT, "%.0f", atEnd / (double) stored)));
    }
    return Report.markdown(
        "Durable store files (mongo.mv; messages stored = acked, warm-up included)",
        List.of(
            "store",
            "messages stored",
            "audit lost / duplicated",
            "mongo.mv bytes at end of load",
            "mongo.mv bytes after stop",
            "bytes per stored message"),
        rows);
  }

  /** The S2 table's rows by offered rate: the table whose header starts with "offered msg/s". */
  private static Map<String, Map<String, String>> s2Rows(String report) {
    Map<String, Map<String, String>> byRate = new LinkedHashMap<>();
    List<String> header = null;
    for (String line : report.split("\n")) {
      if (!line.startsWith("| ") || line.startsWith("| ---")) {
        header = line.startsWith("| ---") ? header : null;
        continue;
      }
      List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| "));
      if (header == null) {
        header = cells.get(0).equals("offered msg/s") ? cells : List.of();
      } else if (!header.isEmpty()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), cells.get(i));
        }
        byRate.put(cells.get(0), row);
      }
    }
    return byRate;
  }

  private static String ratio(
      Map<String, String> row, Map<String, String> baseline, String column) {
    if (baseline == null) {
      return "—";
    }
    double base = Double.parseDouble(baseline.get(column));
    return base == 0
        ? "—"
        : String.format(Locale.ROOT, "%.2f", Double.parseDouble(row.get(column)) / base);
  }
}
