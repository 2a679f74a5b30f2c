package chat.weiliao.allinone.topology;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Steady chat load through nginx: pairs of contacts, each user with its own {@link DrillClient},
 * and one message issued every {@code periodMillis} by the next user in turn.
 */
final class Load implements AutoCloseable {
  final List<DrillClient> clients = new ArrayList<>();
  final List<String> conversations;
  private final Vertx vertx;
  private long timer = -1;
  private int next;

  private Load(Vertx vertx, List<String> conversations) {
    this.vertx = vertx;
    this.conversations = conversations;
  }

  /** Registers {@code users} users, pairs them, and connects each (all ready on return). */
  static Load of(Vertx vertx, WebSocketClient client, int port, int users) {
    Population population = new Population(port);
    List<Population.User> registered = population.register(users);
    Load load = new Load(vertx, population.pair(registered));
    for (int i = 0; i < registered.size(); i++) {
      Population.User user = registered.get(i);
      load.clients.add(
          new DrillClient(
              vertx, client, port, user.phone(), user.token(), load.conversations.get(i / 2)));
    }
    CompletableFuture.allOf(
            load.clients.stream().map(DrillClient::start).toArray(CompletableFuture[]::new))
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
    return load;
  }

  void run(long periodMillis) {
    timer =
        vertx.setPeriodic(
            periodMillis,
            tick -> clients.get(next++ % clients.size()).send(UUID.randomUUID().toString()));
  }

  void pause() {
    vertx.cancelTimer(timer);
  }

  int retriedErrors() {
    return clients.stream().mapToInt(client -> client.retriedErrors().size()).sum();
  }

  int acked() {
    return clients.stream().mapToInt(client -> client.acked().size()).sum();
  }

  /** Waits until {@code more} further messages are acked (the load is flowing again). */
  void awaitProgress(int more, long seconds) {
    int target = acked() + more;
    await(
        () -> acked() >= target,
        seconds,
        "no progress: " + acked() + " acked, waiting for " + target);
  }

  /** Stops issuing and waits until every client is connected with nothing unacked or unfilled. */
  void drain(long seconds) {
    pause();
    await(
        () -> clients.stream().allMatch(DrillClient::settled),
        seconds,
        () ->
            "clients not settled: "
                + clients.stream()
                    .filter(c -> !c.settled())
                    .map(DrillClient::state)
                    .collect(
                        java.util.stream.Collectors.groupingBy(
                            state -> state, java.util.stream.Collectors.counting())));
    clients.forEach(DrillClient::catchUp);
    await(
        () -> clients.stream().allMatch(DrillClient::settled), seconds, "catch-up did not finish");
  }

  static void await(BooleanSupplier condition, long seconds, String failure) {
    await(condition, seconds, () -> failure);
  }

  static void await(
      BooleanSupplier condition, long seconds, java.util.function.Supplier<String> failure) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    pause();
    clients.forEach(DrillClient::stop);
  }
}
