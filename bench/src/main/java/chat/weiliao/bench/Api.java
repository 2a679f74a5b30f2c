package chat.weiliao.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;

/** The HTTP calls a scenario needs for its setup, asynchronous, against one server. */
final class Api {
  static final String PASSWORD = "bench password";
  private final WebClient client;

  record Account(String phone, String token) {}

  Api(Vertx vertx, String host, int port) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(64));
  }

  Future<Account> register(String phone) {
    return post(
            "/api/auth/register",
            new JsonObject()
                .put("phone", phone)
                .put("password", PASSWORD)
                .put("nickname", "b" + phone.substring(phone.length() - 6)),
            null,
            201)
        .map(body -> new Account(phone, body.getString("accessToken")));
  }

  /** a asks, b accepts. */
  Future<Void> befriend(Account a, Account b) {
    return post("/api/contacts/requests", new JsonObject().put("to", b.phone()), a.token(), 201)
        .compose(
            request ->
                post(
                    "/api/contacts/requests/" + request.getString("id") + "/accept",
                    null,
                    b.token(),
                    200))
        .mapEmpty();
  }

  /** Creates a group and returns its conversation id. */
  Future<String> group(Account owner, String name, List<Account> members) {
    JsonArray phones = new JsonArray();
    members.forEach(member -> phones.add(member.phone()));
    return post(
            "/api/groups",
            new JsonObject().put("name", name).put("members", phones),
            owner.token(),
            201)
        .map(body -> body.getJsonObject("conversation").getString("id"));
  }

  /** Posts a text moment and returns its id. */
  Future<String> moment(Account author, String text) {
    return post("/api/moments", new JsonObject().put("text", text), author.token(), 201)
        .map(body -> body.getString("id"));
  }

  Future<JsonObject> get(String path, String token) {
    return client
        .get(path)
        .putHeader("Authorization", "Bearer " + token)
        .send()
        .map(response -> expect(response, 200, path));
  }

  private Future<JsonObject> post(String path, JsonObject body, String token, int status) {
    var request = client.post(path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    Future<HttpResponse<Buffer>> sent =
        body == null ? request.send() : request.sendJsonObject(body);
    return sent.map(response -> expect(response, status, path));
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status, String path) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.body() == null || response.body().length() == 0
        ? new JsonObject()
        : response.bodyAsJsonObject();
  }
}
