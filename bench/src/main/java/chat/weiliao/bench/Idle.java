package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * S1: N authenticated idle connections. Registers the users first, measures each server process's
 * RSS and heap after a full GC (the baseline), opens the connections with bounded concurrency (the
 * connect rate), lets them settle, measures again: (after - baseline) / connections held by that
 * process. RSS covers off-heap (Netty buffers, thread stacks) as well as heap. With several --url
 * targets and --server-pid values (same order), connection i goes to target i % T and each pid is
 * charged with the connections of its target.
 */
final class Idle {
  private Idle() {}

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    int connections = options.integer("connections", 10_000);
    int users = Math.min(connections, options.integer("users", connections));
    URI setupUrl = options.urls().get(0);
    Api api = new Api(vertx, setupUrl.getHost(), setupUrl.getPort());
    List<Api.Account> accounts =
        Users.register(
            api, options.string("prefix", Users.prefix()), users, options.integer("parallel", 32));
    List<Long> pids = options.pids();
    List<ServerProbe.Memory> before = new ArrayList<>();
    for (long pid : pids) {
      before.add(ServerProbe.measure(pid));
    }
    Clients clients = new Clients(vertx, options);
    LongAdder closed = new LongAdder();
    long start = System.nanoTime();
    List<Socket> sockets =
        await(
            bounded(
                connections,
                options.integer("in-flight", 200),
                i ->
                    clients
                        .open(i, accounts.get(i % users).token(), (text, now) -> {})
                        .map(
                            socket -> {
                              socket.onClose(closed::increment);
                              return socket;
                            })),
            3600);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%d connections in %.1f s (%.0f/s)%n", sockets.size(), seconds, sockets.size() / seconds);
    Async.sleep(options.integer("settle", 10) * 1000L);
    Report.Table table =
        report.table(
            "S1 idle connections",
            "server pid",
            "connections",
            "users",
            "connect rate /s",
            "RSS before → after MiB",
            "heap before → after MiB (after full GC)",
            "RSS / connection KiB",
            "heap / connection KiB",
            "closed during hold");
    int targets = clients.targets();
    for (int p = 0; p < pids.size(); p++) {
      ServerProbe.Memory after = ServerProbe.measure(pids.get(p));
      int held = pids.size() == 1 ? connections : countFor(p, targets, connections);
      table.row(
          pids.get(p),
          held,
          users,
          String.format(Locale.ROOT, "%.0f", sockets.size() / seconds),
          mib(before.get(p).rssBytes()) + " → " + mib(after.rssBytes()),
          mib(before.get(p).heapBytes()) + " → " + mib(after.heapBytes()),
          kib((after.rssBytes() - before.get(p).rssBytes()) / (double) held),
          kib((after.heapBytes() - before.get(p).heapBytes()) / (double) held),
          closed.sum());
    }
    for (long pid : pids) {
      String histogram = ServerProbe.jcmd(pid, "GC.class_histogram");
      java.nio.file.Files.writeString(
          report.dir().resolve("class-histogram-" + pid + ".txt"),
          String.join("\n", histogram.lines().limit(45).toList()) + "\n");
    }
    int hold = options.integer("hold", 0);
    if (hold > 0) {
      System.out.printf("holding %d s%n", hold);
      Async.sleep(hold * 1000L);
      System.out.printf("closed during hold: %d%n", closed.sum());
    }
  }

  private static int countFor(int target, int targets, int connections) {
    return connections / targets + (target < connections % targets ? 1 : 0);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
  }

  private static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
  }
}
