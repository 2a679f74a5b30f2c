package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  private final Http http = new Http(TestSystem.get().port());

  @Test
  void meAndPatchMe() {
    Users.Account account = Users.register(http);
    JsonObject me = http.get("/api/users/me", account.accessToken()).json();
    assertEquals(account.phone(), me.getString("phone"));
    assertNull(me.getString("avatar"));

    Http.Response patched =
        http.patch(
            "/api/users/me",
            new JsonObject().put("nickname", "New Name").put("signature", "你好"),
            account.accessToken());
    assertEquals(200, patched.status());
    assertEquals("New Name", patched.json().getString("nickname"));
    assertEquals("你好", patched.json().getString("signature"));
    assertEquals(
        "New Name", http.get("/api/users/me", account.accessToken()).json().getString("nickname"));

    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject().put("nickname", ""),
          new JsonObject().put("nickname", 42),
          new JsonObject().put("signature", "s".repeat(65)),
          new JsonObject().put("avatar", new JsonObject())
        }) {
      Http.Response response = http.patch("/api/users/me", bad, account.accessToken());
      assertEquals(400, response.status(), bad.encode());
      assertEquals("INVALID_ARGUMENT", response.errorCode());
    }
  }

  @Test
  void everyUserRouteNeedsAToken() {
    for (String path :
        new String[] {"/api/users/me", "/api/users/search?phone=12345", "/api/users/12345"}) {
      Http.Response response = http.get(path, null);
      assertEquals(401, response.status(), path);
      assertEquals("UNAUTHENTICATED", response.errorCode());
    }
  }

  @Test
  void searchIsExactAndLimited() {
    Users.Account searcher = Users.register(http);
    Users.Account target = Users.register(http);
    JsonObject found =
        http.get("/api/users/search?phone=" + target.phone(), searcher.accessToken()).json();
    assertEquals(1, found.getJsonArray("users").size());
    assertEquals(target.phone(), found.getJsonArray("users").getJsonObject(0).getString("phone"));
    String prefix = target.phone().substring(0, 8);
    assertEquals(
        0,
        http.get("/api/users/search?phone=" + prefix, searcher.accessToken())
            .json()
            .getJsonArray("users")
            .size(),
        "no prefix matches");
    assertEquals(400, http.get("/api/users/search?phone=abc", searcher.accessToken()).status());
    assertEquals(400, http.get("/api/users/search", searcher.accessToken()).status());

    int allowed = 0;
    Http.Response response;
    do {
      response = http.get("/api/users/search?phone=" + target.phone(), searcher.accessToken());
      if (response.status() == 200) {
        allowed++;
      }
    } while (response.status() == 200 && allowed < 40);
    assertEquals(429, response.status());
    assertEquals("RATE_LIMITED", response.errorCode());
    assertEquals(30, allowed + 2, "30 searches a minute, counting the two valid ones above");
  }

  @Test
  void getUserByPhone() {
    Users.Account account = Users.register(http);
    Users.Account other = Users.register(http);
    Http.Response found = http.get("/api/users/" + other.phone(), account.accessToken());
    assertEquals(200, found.status());
    assertEquals(other.phone(), found.json().getString("phone"));
    assertEquals(
        404, http.get("/api/users/" + TestSystem.newPhone(), account.accessToken()).status());
    assertEquals(400, http.get("/api/users/not-a-phone", account.accessToken()).status());
  }

  @Test
  void unknownRoutesAreJsonErrors() {
    Users.Account account = Users.register(http);
    Http.Response response = http.get("/api/nothing/here", account.accessToken());
    assertEquals(404, response.status());
    assertEquals("NOT_FOUND", response.errorCode());
  }
}
