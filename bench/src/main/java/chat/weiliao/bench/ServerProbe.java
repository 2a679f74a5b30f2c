package chat.weiliao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and CPU of server processes: RSS and CPU time from /proc, heap used after a full GC from
 * jcmd.
 */
final class ServerProbe {
  private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  record Memory(long rssBytes, long heapBytes) {}

  private ServerProbe() {}

  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  /**
   * Runs a full GC in the server first, so the figure is live data, not garbage. G1 prints one
   * "total, used" line for the heap, the serial collector one per generation: all are summed.
   */
  static long heapAfterGc(long pid) {
    jcmd(pid, "GC.run");
    Matcher matcher = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    long used = 0;
    boolean found = false;
    while (matcher.find()) {
      used += Long.parseLong(matcher.group(2)) * 1024;
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("no heap figure from jcmd " + pid);
    }
    return used;
  }

  static Memory measure(long pid) {
    long heap = heapAfterGc(pid);
    return new Memory(rssBytes(pid), heap);
  }

  /**
   * CPU seconds (user + system) the server processes of --server-pid have used so far; 0 without
   * one.
   */
  static double cpuSeconds(Options options) {
    double seconds = 0;
    for (long pid : options.pids()) {
      try {
        seconds += cpuSecondsOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
      }
    }
    return seconds;
  }

  /**
   * CPU seconds used so far by each group of the server's threads: a thread's name with its digits
   * taken out (so every event loop counts as one group), from /proc/PID/task. Threads that ended
   * meanwhile are missing from the later reading.
   */
  static Map<String, Double> cpuSecondsByThreadGroup(long pid) {
    Map<String, Double> seconds = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          seconds.merge(name.replaceAll("[0-9]+", "N"), cpuSecondsOf(stat), Double::sum);
        } catch (IOException ended) {
          // the thread ended while the list was read
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/task", e);
    }
    return seconds;
  }

  /** User + system CPU seconds from a process's or thread's /proc stat line. */
  private static double cpuSecondsOf(String stat) {
    // Fields after the command name (which may hold spaces) start after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
  }

  /** USER_HZ, 100 on Linux for every architecture this runs on. */
  private static final double CLOCK_TICKS_PER_SECOND = 100.0;

  /**
   * Starts a JFR recording (profile settings) in every server process when --jfr PREFIX is given.
   */
  static void startJfr(Options options) {
    String prefix = options.string("jfr", "");
    if (!prefix.isEmpty()) {
      for (long pid : options.pids()) {
        System.out.println(jcmd(pid, "JFR.start name=bench settings=profile"));
      }
    }
  }

  /** Dumps and stops the recording started by {@link #startJfr}: PREFIX-PID.jfr. */
  static void stopJfr(Options options) {
    String prefix = options.string("jfr", "");
    if (!prefix.isEmpty()) {
      for (long pid : options.pids()) {
        System.out.println(
            jcmd(pid, "JFR.stop name=bench filename=" + prefix + "-" + pid + ".jfr"));
      }
    }
  }

  static String jcmd(long pid, String command) {
    try {
      List<String> words = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
      words.addAll(List.of(command.split(" ")));
      Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroy();
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("jcmd failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
