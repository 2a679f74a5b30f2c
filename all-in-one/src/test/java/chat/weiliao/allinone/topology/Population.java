package chat.weiliao.allinone.topology;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Many users at once over HTTP through nginx: register them, make pairs of them contacts. */
final class Population {
  record User(String phone, String token) {}

  /** Phones unique per run: a time-based prefix and a counter. */
  private static final AtomicLong next =
      new AtomicLong((System.currentTimeMillis() / 1000 % 100_000) * 1_000_000);

  private static final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final Semaphore inFlight = new Semaphore(16);

  Population(int port) {
    this.port = port;
  }

  List<User> register(int count) {
    return all(
        count,
        i -> {
          String phone = "17" + String.format("%011d", next.incrementAndGet());
          return post(
                  "/api/auth/register",
                  new JsonObject()
                      .put("phone", phone)
                      .put("password", "drill password")
                      .put("nickname", "drill"),
                  null,
                  201)
              .thenApply(body -> new User(phone, body.getString("accessToken")));
        });
  }

  /** users[2i] and users[2i+1] become contacts; returns each pair's direct conversation id. */
  List<String> pair(List<User> users) {
    return all(
        users.size() / 2,
        i -> {
          User a = users.get(2 * i);
          User b = users.get(2 * i + 1);
          return post(
                  "/api/contacts/requests", new JsonObject().put("to", b.phone()), a.token(), 201)
              .thenCompose(
                  request ->
                      post(
                          "/api/contacts/requests/" + request.getString("id") + "/accept",
                          new JsonObject(),
                          b.token(),
                          200))
              .thenApply(contact -> directId(a.phone(), b.phone()));
        });
  }

  static String directId(String a, String b) {
    return a.compareTo(b) < 0 ? "d_" + a + "_" + b : "d_" + b + "_" + a;
  }

  private <T> List<T> all(int count, Function<Integer, CompletableFuture<T>> one) {
    List<CompletableFuture<T>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.acquireUninterruptibly();
      results.add(one.apply(i).whenComplete((done, failure) -> inFlight.release()));
    }
    return results.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<JsonObject> post(
      String path, JsonObject body, String token, int expected) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != expected) {
                throw new IllegalStateException(
                    path + " -> " + response.statusCode() + " " + response.body());
              }
              return new JsonObject(response.body());
            });
  }
}
