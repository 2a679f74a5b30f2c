package chat.weiliao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of a server process: RSS from /proc, heap used after a full GC from jcmd. */
final class ServerProbe {
  private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  record Memory(long rssBytes, long heapBytes) {
  }

  private ServerProbe() {
  }

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

  /** Runs a full GC in the server first, so the figure is live data, not garbage. */
  static long heapAfterGc(long pid) {
    jcmd(pid, "GC.run");
    Matcher matcher = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    if (!matcher.find()) {
      throw new IllegalStateException("no heap figure from jcmd " + pid);
    }
    return Long.parseLong(matcher.group(2)) * 1024;
  }

  static Memory measure(long pid) {
    long heap = heapAfterGc(pid);
    return new Memory(rssBytes(pid), heap);
  }

  static String jcmd(long pid, String command) {
    try {
      Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
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
