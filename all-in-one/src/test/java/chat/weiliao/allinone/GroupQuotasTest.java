package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 15 #5: how many groups one account may own at once and create in an hour. */
class GroupQuotasTest {
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    system =
        TestSystem.startOwn(
            "group-quotas",
            Map.of(
                "WEILIAO_GROUPS_OWNED_PER_USER", "2",
                "WEILIAO_GROUP_CREATIONS_PER_HOUR", "4"));
    http = new Http(system.port());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void ownedGroupsAndHourlyCreationsAreCapped() {
    Users.Account owner = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, owner, bob);
    Friends.make(http, owner, carol);
    String first = created(create(owner, bob, carol));
    created(create(owner, bob, carol));

    Http.Response third = create(owner, bob, carol);
    assertEquals(403, third.status(), third.text());
    assertEquals("FORBIDDEN", third.errorCode());

    assertEquals(
        204,
        http.delete("/api/groups/" + first + "/members/" + owner.phone(), owner.accessToken())
            .status());
    created(create(owner, bob, carol));

    Http.Response fifth = create(owner, bob, carol);
    assertEquals(429, fifth.status(), fifth.text());
    assertEquals("RATE_LIMITED", fifth.errorCode());
    assertNotNull(fifth.header("Retry-After"));
  }

  private static Http.Response create(Users.Account owner, Users.Account a, Users.Account b) {
    return http.post(
        "/api/groups",
        new JsonObject()
            .put("name", "G")
            .put("members", new JsonArray().add(a.phone()).add(b.phone())),
        owner.accessToken());
  }

  private static String created(Http.Response response) {
    assertEquals(201, response.status(), response.text());
    return response.json().getJsonObject("group").getString("id");
  }
}
