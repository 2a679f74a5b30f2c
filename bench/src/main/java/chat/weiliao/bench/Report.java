package chat.weiliao.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency lines in milliseconds on stdout, and a results directory per scenario: report.md (the
 * command line, then one markdown table per measurement) and SVG plots. The directory is {@code
 * --results}/{@code --report-name} (default: the scenario).
 */
final class Report {
  private final Path dir;
  private final Map<String, Map<String, Histogram>> plots = new LinkedHashMap<>();

  Report(String scenario, Options options, String[] args) {
    this.dir =
        Path.of(options.string("results", "bench/results"))
            .resolve(options.string("report-name", scenario));
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("report.md"),
          "# "
              + scenario
              + " — "
              + Instant.now()
              + "\n\n`weiliao-bench.jar "
              + String.join(" ", args)
              + "`\n\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void print(String label, Histogram histogram) {
    System.out.println(line(label, histogram));
  }

  static String line(String label, Histogram histogram) {
    return String.format(
        Locale.ROOT,
        "%-22s n=%-8d p50=%8.2f p95=%8.2f p99=%8.2f p99.9=%8.2f max=%8.2f ms",
        label,
        histogram.getTotalCount(),
        ms(histogram.getValueAtPercentile(50)),
        ms(histogram.getValueAtPercentile(95)),
        ms(histogram.getValueAtPercentile(99)),
        ms(histogram.getValueAtPercentile(99.9)),
        ms(histogram.getMaxValue()));
  }

  /** "p50 / p95 / p99 / p99.9 / max" in ms, for a table cell. */
  static String cell(Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      return "—";
    }
    return String.format(
        Locale.ROOT,
        "%.1f / %.1f / %.1f / %.1f / %.1f",
        ms(histogram.getValueAtPercentile(50)),
        ms(histogram.getValueAtPercentile(95)),
        ms(histogram.getValueAtPercentile(99)),
        ms(histogram.getValueAtPercentile(99.9)),
        ms(histogram.getMaxValue()));
  }

  /**
   * "cores / µs per message" for a table cell: server CPU seconds over a step of that many seconds
   * and messages.
   */
  static String cpu(double cpuSeconds, double seconds, long messages) {
    if (cpuSeconds <= 0 || messages == 0) {
      return "—";
    }
    return String.format(
        Locale.ROOT, "%.2f / %.0f", cpuSeconds / seconds, cpuSeconds * 1e6 / messages);
  }

  static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** A markdown table: the header row, then rows added with {@link Table#row}. */
  Table table(String title, String... header) {
    return new Table(title, List.of(header));
  }

  final class Table {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(String title, List<String> header) {
      this.title = title;
      this.header = header;
    }

    Table row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object cell : cells) {
        row.add(String.valueOf(cell));
      }
      rows.add(row);
      System.out.println("| " + String.join(" | ", row) + " |");
      write();
      return this;
    }

    /**
     * Rewrites the whole table section each time a row arrives, so a crash keeps the rows so far.
     */
    private void write() {
      writeSection(title, markdown(title, header, rows));
    }
  }

  /** A "## title" section with a markdown table. */
  static String markdown(String title, List<String> header, List<List<String>> rows) {
    StringBuilder text =
        new StringBuilder("## ")
            .append(title)
            .append("\n\n| ")
            .append(String.join(" | ", header))
            .append(" |\n|");
    header.forEach(h -> text.append(" --- |"));
    text.append('\n');
    rows.forEach(row -> text.append("| ").append(String.join(" | ", row)).append(" |\n"));
    return text.append('\n').toString();
  }

  void note(String title, String text) {
    System.out.println(text);
    writeSection(title, "## " + title + "\n\n" + text + "\n\n");
  }

  private final Map<String, String> sections = new LinkedHashMap<>();

  private synchronized void writeSection(String title, String text) {
    sections.put(title, text);
    try {
      String head = Files.readString(dir.resolve("report.md"));
      int cut = head.indexOf("\n## ");
      String prefix = cut < 0 ? head : head.substring(0, cut + 1);
      StringBuilder all = new StringBuilder(prefix);
      sections.values().forEach(all::append);
      Files.writeString(
          dir.resolve("report.md"), all.toString(), StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds one series (a copy of the histogram) to the named plot and rewrites its SVG. */
  void plot(String name, String series, Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      return;
    }
    plots.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(series, histogram.copy());
    try {
      Files.writeString(dir.resolve(name + ".svg"), Plot.svg(name, plots.get(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes name.svg: a line through the points (x, y), linear axes. */
  void linePlot(String name, String title, String xLabel, String yLabel, List<double[]> points) {
    try {
      Files.writeString(dir.resolve(name + ".svg"), Plot.line(title, xLabel, yLabel, points));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path dir() {
    return dir;
  }
}
