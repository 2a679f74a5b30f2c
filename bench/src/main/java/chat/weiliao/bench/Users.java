package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;

/**
 * Setup: registers users (bcrypt cost from the server's WEILIAO_BCRYPT_COST) and makes pairs
 * contacts.
 */
final class Users {
  private Users() {}

  /** A phone prefix unique to this run: "1" + 8 digits of the clock + 6 digits of index. */
  static String prefix() {
    return "1" + String.format("%08d", System.currentTimeMillis() / 100 % 100_000_000L);
  }

  static List<Api.Account> register(Api api, String prefix, int count, int parallel)
      throws Exception {
    long start = System.nanoTime();
    List<Api.Account> accounts =
        await(bounded(count, parallel, i -> api.register(prefix + String.format("%06d", i))), 3600);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("registered %d users in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
    return accounts;
  }

  /** Accounts 2i and 2i+1 become contacts. */
  static void pair(Api api, List<Api.Account> accounts, int parallel) throws Exception {
    long start = System.nanoTime();
    await(
        bounded(
            accounts.size() / 2,
            parallel,
            i -> api.befriend(accounts.get(2 * i), accounts.get(2 * i + 1))),
        3600);
    System.out.printf(
        "paired %d users in %.1f s%n", accounts.size(), (System.nanoTime() - start) / 1e9);
  }

  /** Users 2i and 2i+1, registered and made contacts, and each user's direct conversation. */
  record Pairs(List<Api.Account> accounts, String[] conversations) {}

  /** Registers {@code users} users through the first --url and pairs them (S2, S4). */
  static Pairs pairs(Vertx vertx, Options options, int users) throws Exception {
    URI setupUrl = options.urls().get(0);
    Api api = new Api(vertx, setupUrl.getHost(), setupUrl.getPort());
    int parallel = options.integer("parallel", 32);
    List<Api.Account> accounts = register(api, prefix(), users, parallel);
    pair(api, accounts, parallel);
    String[] conversations = new String[users];
    for (int i = 0; i < users; i++) {
      conversations[i] = directId(accounts.get(i).phone(), accounts.get(i ^ 1).phone());
    }
    return new Pairs(accounts, conversations);
  }

  static String directId(String a, String b) {
    return a.compareTo(b) < 0 ? "d_" + a + "_" + b : "d_" + b + "_" + a;
  }
}
