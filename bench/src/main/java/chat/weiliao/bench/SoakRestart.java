package chat.weiliao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The soak's last section, after bench/run.sh stopped the server (SIGTERM), measured and compacted
 * a copy of the store file, and restarted the server on the same data: the file against its live
 * data, the restart times, and the restarted server's memory. Appended to the soak's report.md.
 */
final class SoakRestart {
  private SoakRestart() {}

  static void append(Options options) throws IOException {
    long stopped = Long.parseLong(options.string("stopped-bytes", "0"));
    long live = Long.parseLong(options.string("live-bytes", "0"));
    ServerProbe.Memory memory = ServerProbe.measure(options.pids().get(0));
    List<List<String>> rows =
        List.of(
            List.of("stop (SIGTERM to exit)", options.string("stop-ms", "?") + " ms"),
            List.of("mongo.mv after the stop", stopped + " bytes (" + mib(stopped) + " MiB)"),
            List.of(
                "live data (compacted copy, H2 MVStoreTool -compact)",
                live + " bytes (" + mib(live) + " MiB)"),
            List.of(
                "file / live",
                live == 0 ? "—" : String.format(Locale.ROOT, "%.2f", stopped / (double) live)),
            List.of(
                "restart: process start to /health 200", options.string("health-ms", "?") + " ms"),
            List.of(
                "restart: process start to first login 200",
                options.string("login-ms", "?") + " ms"),
            List.of(
                "restart: process start to first history read 200",
                options.string("history-ms", "?") + " ms"),
            List.of("restarted server heap after GC", mib(memory.heapBytes()) + " MiB"),
            List.of("restarted server RSS", mib(memory.rssBytes()) + " MiB"));
    String section =
        Report.markdown(
            "Soak stop and restart (store " + options.string("store", "durable") + ")",
            List.of("what", "measured"),
            rows);
    System.out.print(section);
    Files.writeString(
        Path.of(options.string("report", "bench/results/soak/report.md")),
        section,
        StandardOpenOption.APPEND);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }
}
