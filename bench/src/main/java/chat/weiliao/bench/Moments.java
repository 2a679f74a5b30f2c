package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Moments (issue 19): one user with {@code --contacts} contacts (5,000) who together post {@code
 * --moments} moments (100,000), and one user with 5 of those contacts. Then, side by side in one
 * run: timeline reads of both (the first page, and a page from the middle for the big one), and
 * posts by both (the big one's writes an entry into 5,001 timelines). Sequential requests, so each
 * figure is one request's own latency.
 */
final class Moments {
  private static final int SMALL_CONTACTS = 5;

  private Moments() {}

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    URI url = options.urls().get(0);
    Api api = new Api(vertx, url.getHost(), url.getPort());
    int contacts = options.integer("contacts", 5000);
    int moments = options.integer("moments", 100_000);
    int reads = options.integer("reads", 1000);
    int posts = options.integer("posts", 50);
    int parallel = options.integer("parallel", 32);
    String store = options.string("store", "");

    List<Api.Account> accounts = Users.register(api, Users.prefix(), contacts + 2, parallel);
    Api.Account big = accounts.get(0);
    Api.Account small = accounts.get(1);
    List<Api.Account> posters = accounts.subList(2, accounts.size());
    long started = System.nanoTime();
    await(bounded(contacts, parallel, i -> api.befriend(posters.get(i), big)), 3600);
    await(bounded(SMALL_CONTACTS, parallel, i -> api.befriend(posters.get(i), small)), 600);
    System.out.printf("contacts made in %.1f s%n", (System.nanoTime() - started) / 1e9);

    started = System.nanoTime();
    List<String> ids =
        await(
            bounded(moments, parallel, i -> api.moment(posters.get(i % contacts), "moment " + i)),
            3600);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "posted %d moments in %.1f s (%.0f/s)%n", moments, seconds, moments / seconds);
    String middle = ids.stream().sorted().toList().get(moments / 2);

    Report.Table table =
        report.table(
            "Moments: "
                + contacts
                + " contacts, "
                + moments
                + " moments"
                + (store.isEmpty() ? "" : ", store " + store),
            "request",
            "requests",
            "ms p50 / p95 / p99 / p99.9 / max");
    table.row(
        "timeline, first page of 20, user with " + contacts + " contacts",
        reads,
        Report.cell(time(reads, () -> api.get("/api/moments?limit=20", big.token()))));
    table.row(
        "timeline, first page of 20, user with " + SMALL_CONTACTS + " contacts",
        reads,
        Report.cell(time(reads, () -> api.get("/api/moments?limit=20", small.token()))));
    table.row(
        "timeline, page of 20 before the middle moment, user with " + contacts + " contacts",
        reads,
        Report.cell(
            time(reads, () -> api.get("/api/moments?limit=20&before=" + middle, big.token()))));
    table.row(
        "post, fan-out to " + (contacts + 1) + " timelines",
        posts,
        Report.cell(time(posts, () -> api.moment(big, "from the big account"))));
    table.row(
        "post, fan-out to " + (SMALL_CONTACTS + 1) + " timelines",
        posts,
        Report.cell(time(posts, () -> api.moment(small, "from the small account"))));
  }

  /** The latency of {@code count} requests made one after another. */
  private static Histogram time(int count, Supplier<Future<?>> request) throws Exception {
    Histogram latencies = new Histogram(3);
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      await(request.get(), 60);
      latencies.recordValue(System.nanoTime() - start);
    }
    return latencies;
  }
}
