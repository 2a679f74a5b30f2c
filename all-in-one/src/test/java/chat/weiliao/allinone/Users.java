package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;

/** Registering test users. */
public final class Users {
  public static final String PASSWORD = "correct horse";

  public record Account(String phone, String accessToken, String refreshToken, JsonObject user) {}

  private Users() {}

  public static Account register(Http http) {
    return register(http, TestSystem.newPhone(), "Tester");
  }

  public static Account register(Http http, String phone, String nickname) {
    Http.Response response =
        http.post(
            "/api/auth/register",
            new JsonObject()
                .put("phone", phone)
                .put("password", PASSWORD)
                .put("nickname", nickname),
            null);
    assertEquals(201, response.status(), response.text());
    return account(response.json());
  }

  public static Account login(Http http, String phone) {
    Http.Response response =
        http.post(
            "/api/auth/login",
            new JsonObject().put("phone", phone).put("password", PASSWORD),
            null);
    assertEquals(200, response.status(), response.text());
    return account(response.json());
  }

  static Account account(JsonObject body) {
    return new Account(
        body.getJsonObject("user").getString("phone"),
        body.getString("accessToken"),
        body.getString("refreshToken"),
        body.getJsonObject("user"));
  }
}
