package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private final Http http = new Http(TestSystem.get().port());

  @Test
  void registerReturnsUserAndTokens() {
    String phone = TestSystem.newPhone();
    Http.Response response =
        http.post(
            "/api/auth/register",
            new JsonObject().put("phone", phone).put("password", "password1").put("nickname", "小明"),
            null);
    assertEquals(201, response.status());
    JsonObject body = response.json();
    assertEquals(phone, body.getJsonObject("user").getString("phone"));
    assertEquals("小明", body.getJsonObject("user").getString("nickname"));
    assertTrue(body.getJsonObject("user").containsKey("avatar"));
    assertTrue(body.getJsonObject("user").getLong("createdAt") > 0);
    assertEquals(900, body.getInteger("expiresIn"));
    assertNotNull(body.getString("accessToken"));
    assertNotNull(body.getString("refreshToken"));
    assertTrue(!body.encode().contains("password"), "no password hash leaks");
  }

  @Test
  void registeringATakenPhoneConflicts() {
    Users.Account account = Users.register(http);
    Http.Response again =
        http.post(
            "/api/auth/register",
            new JsonObject()
                .put("phone", account.phone())
                .put("password", "password1")
                .put("nickname", "Other"),
            null);
    assertEquals(409, again.status());
    assertEquals("CONFLICT", again.errorCode());
  }

  @Test
  void registerValidatesEveryField() {
    String phone = TestSystem.newPhone();
    JsonObject good =
        new JsonObject().put("phone", phone).put("password", "password1").put("nickname", "Nick");
    for (JsonObject bad :
        new JsonObject[] {
          good.copy().put("phone", "1234"), good.copy().put("phone", "123456789012345678901"),
          good.copy().put("phone", "12345abc"), good.copy().put("phone", 1234567),
          good.copy().put("password", "short"), good.copy().put("password", "x".repeat(129)),
          good.copy().put("nickname", ""), good.copy().put("nickname", "n".repeat(33)),
          good.copy().put("nickname", new JsonObject().put("$ne", null)),
              good.copy().put("nickname", "   "),
          good.copy().putNull("password")
        }) {
      Http.Response response = http.post("/api/auth/register", bad, null);
      assertEquals(400, response.status(), bad.encode());
      assertEquals("INVALID_ARGUMENT", response.errorCode());
    }
  }

  @Test
  void malformedOrOversizedBodiesAreRejected() {
    Http.Response malformed = http.post("/api/auth/register", "{\"phone\":", null);
    assertEquals(400, malformed.status());
    assertEquals("INVALID_ARGUMENT", malformed.errorCode());
    Http.Response array = http.post("/api/auth/register", "[1,2]", null);
    assertEquals(400, array.status());
    String huge =
        new JsonObject()
            .put("phone", TestSystem.newPhone())
            .put("password", "password1")
            .put("nickname", "x".repeat(70 * 1024))
            .encode();
    Http.Response tooLarge = http.post("/api/auth/register", huge, null);
    assertEquals(413, tooLarge.status());
    assertEquals("PAYLOAD_TOO_LARGE", tooLarge.errorCode());
  }

  @Test
  void loginWithRightAndWrongCredentials() {
    Users.Account account = Users.register(http);
    Users.Account login = Users.login(http, account.phone());
    assertNotEquals(account.refreshToken(), login.refreshToken());
    assertEquals(200, http.get("/api/users/me", login.accessToken()).status());

    Http.Response wrongPassword =
        http.post(
            "/api/auth/login",
            new JsonObject().put("phone", account.phone()).put("password", "wrong password"),
            null);
    Http.Response unknownPhone =
        http.post(
            "/api/auth/login",
            new JsonObject().put("phone", TestSystem.newPhone()).put("password", "wrong password"),
            null);
    assertEquals(401, wrongPassword.status());
    assertEquals(401, unknownPhone.status());
    assertEquals(
        wrongPassword.text(), unknownPhone.text(), "unknown phone and wrong password look alike");
  }

  @Test
  void tenFailuresForOnePhoneLockItEvenWithTheRightPassword() {
    Users.Account account = Users.register(http);
    String address = "198.51.100.7";
    for (int i = 0; i < 10; i++) {
      assertEquals(401, loginFrom(address, account.phone(), "wrong password").status());
    }
    Http.Response locked = loginFrom(address, account.phone(), Users.PASSWORD);
    assertEquals(429, locked.status());
    assertEquals("RATE_LIMITED", locked.errorCode());
    int retryAfter = Integer.parseInt(locked.header("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
    Users.Account other = Users.register(http);
    assertEquals(
        200,
        loginFrom(address, other.phone(), Users.PASSWORD).status(),
        "another phone is not locked");
  }

  @Test
  void fiftyFailuresFromOneAddressLockThatAddress() {
    String address = "203.0.113.9";
    for (int i = 0; i < 50; i++) {
      assertEquals(401, loginFrom(address, TestSystem.newPhone(), "wrong password").status());
    }
    Users.Account account = Users.register(http);
    assertEquals(429, loginFrom(address, account.phone(), Users.PASSWORD).status());
    assertEquals(200, loginFrom("203.0.113.10", account.phone(), Users.PASSWORD).status());
  }

  @Test
  void refreshRotatesAndReuseRevokesTheLogin() {
    Users.Account account = Users.register(http);
    Http.Response first = refresh(account.refreshToken());
    assertEquals(200, first.status());
    Users.Account rotated = Users.account(first.json());
    assertEquals(account.phone(), rotated.phone());
    assertNotEquals(account.refreshToken(), rotated.refreshToken());
    assertEquals(200, http.get("/api/users/me", rotated.accessToken()).status());

    Http.Response reuse = refresh(account.refreshToken());
    assertEquals(401, reuse.status());
    assertEquals("UNAUTHENTICATED", reuse.errorCode());
    assertEquals(
        401,
        refresh(rotated.refreshToken()).status(),
        "reuse ends the whole login's refresh chain");
    assertEquals(
        200,
        refresh(Users.login(http, account.phone()).refreshToken()).status(),
        "other logins are untouched");
  }

  @Test
  void refreshRejectsGarbage() {
    for (String bad : new String[] {"", "nodot", "abc.def", ".x", "x."}) {
      assertEquals(bad.isEmpty() ? 400 : 401, refresh(bad).status(), bad);
    }
    assertEquals(
        400,
        http.post("/api/auth/refresh", new JsonObject().put("refreshToken", 5), null).status());
  }

  @Test
  void logoutEndsAccessAndRefresh() {
    Users.Account account = Users.register(http);
    Users.Account other = Users.login(http, account.phone());
    assertEquals(204, http.post("/api/auth/logout", null, account.accessToken()).status());
    Http.Response after = http.get("/api/users/me", account.accessToken());
    assertEquals(401, after.status());
    assertEquals("UNAUTHENTICATED", after.errorCode());
    assertEquals(401, refresh(account.refreshToken()).status());
    assertEquals(
        200, http.get("/api/users/me", other.accessToken()).status(), "only that login ends");
  }

  private Http.Response refresh(String token) {
    return http.post("/api/auth/refresh", new JsonObject().put("refreshToken", token), null);
  }

  private Http.Response loginFrom(String address, String phone, String password) {
    HttpRequest.Builder request =
        http.builder("/api/auth/login", null)
            .header("X-Forwarded-For", address)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("phone", phone).put("password", password).encode()));
    return http.send(request);
  }
}
