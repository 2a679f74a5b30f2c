package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of its own with small abuse quotas: registrations per client address, friend requests
 * per user, profile lookups per user. nginx (127.0.0.1) is trusted, so each test speaks from its
 * own X-Forwarded-For address and the tests' counters never meet.
 */
class QuotasTest {
  private static final int REGISTRATIONS = 6;
  private static final int REQUESTS = 3;
  private static final int LOOKUPS = 5;
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    system =
        TestSystem.startOwn(
            "quotas",
            Map.of(
                "WEILIAO_TRUSTED_PROXIES", "127.0.0.1",
                "WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR", Integer.toString(REGISTRATIONS),
                "WEILIAO_CONTACT_REQUESTS_PER_HOUR", Integer.toString(REQUESTS),
                "WEILIAO_PROFILE_LOOKUPS_PER_MINUTE", Integer.toString(LOOKUPS)));
    http = new Http(system.port());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void registrationsFromOneAddressAreCapped() {
    String address = "198.51.100.1";
    String taken = TestSystem.newPhone();
    assertEquals(201, register(address, taken).status());
    // A 409 is counted too: probing which phones exist costs the same as registering.
    assertEquals(409, register(address, taken).status());
    for (int i = 2; i < REGISTRATIONS; i++) {
      assertEquals(201, register(address, TestSystem.newPhone()).status());
    }
    Http.Response refused = register(address, TestSystem.newPhone());
    assertEquals(429, refused.status(), refused.text());
    assertEquals("RATE_LIMITED", refused.errorCode());
    assertNotNull(refused.header("Retry-After"));
    assertEquals(
        201,
        register("198.51.100.2", TestSystem.newPhone()).status(),
        "another address is not affected");
  }

  @Test
  void friendRequestsPerUserAreCapped() {
    String address = "198.51.100.3";
    Users.Account sender = Users.account(register(address, TestSystem.newPhone()).json());
    for (int i = 0; i < REQUESTS; i++) {
      Users.Account other = Users.account(register(address, TestSystem.newPhone()).json());
      assertEquals(201, request(sender, other.phone()).status());
    }
    Users.Account one = Users.account(register("198.51.100.4", TestSystem.newPhone()).json());
    Http.Response refused = request(sender, one.phone());
    assertEquals(429, refused.status(), refused.text());
    assertEquals("RATE_LIMITED", refused.errorCode());
    assertEquals(
        201, request(one, sender.phone()).status(), "the other user's own budget is untouched");
  }

  @Test
  void profileLookupsPerUserAreCappedApartFromSearch() {
    Users.Account looker = Users.account(register("198.51.100.5", TestSystem.newPhone()).json());
    Users.Account target = Users.account(register("198.51.100.5", TestSystem.newPhone()).json());
    for (int i = 0; i < LOOKUPS; i++) {
      assertEquals(200, http.get("/api/users/" + target.phone(), looker.accessToken()).status());
    }
    Http.Response refused = http.get("/api/users/" + target.phone(), looker.accessToken());
    assertEquals(429, refused.status(), refused.text());
    assertEquals("RATE_LIMITED", refused.errorCode());
    assertEquals(
        200,
        http.get("/api/users/search?phone=" + target.phone(), looker.accessToken()).status(),
        "search keeps its own budget");
  }

  private static Http.Response register(String address, String phone) {
    return http.send(
        http.builder("/api/auth/register", null)
            .header("X-Forwarded-For", address)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject()
                        .put("phone", phone)
                        .put("password", Users.PASSWORD)
                        .put("nickname", "Quota")
                        .encode())));
  }

  private static Http.Response request(Users.Account from, String to) {
    return http.post("/api/contacts/requests", new JsonObject().put("to", to), from.accessToken());
  }
}
