package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad token is refused on HTTP (401) and at the WebSocket handshake (401, no
 * upgrade).
 */
class TokenRejectionTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());
  private final Tokens tokens = new Tokens(system.dataDir);

  @Test
  void aFreshTokenFromAClockASecondAheadIsAcceptedButExpiryIsExact() {
    String phone = Users.register(http).phone();
    long now = System.currentTimeMillis() / 1000;
    // Issued "in a second" by a user-service whose clock runs a little ahead of this gateway's.
    String early = tokens.signed(Tokens.claims(phone).put("iat", now + 1).put("nbf", now + 1));
    assertEquals(200, http.get("/api/users/me", early).status(), "iat and nbf get a little leeway");
    String justExpired = tokens.signed(Tokens.claims(phone).put("exp", now - 1));
    assertEquals(401, http.get("/api/users/me", justExpired).status(), "exp gets none");
  }

  @Test
  void badTokensAreRejectedOnHttpAndWebSocket() {
    Users.Account account = Users.register(http);
    String phone = account.phone();
    Users.Account revoked = Users.login(http, phone);
    assertEquals(204, http.post("/api/auth/logout", null, revoked.accessToken()).status());

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("malformed", "not-a-jwt");
    bad.put("expired", tokens.expired(phone));
    bad.put("alg none", tokens.unsigned(phone));
    bad.put("HMAC with the public key", tokens.hmacWithPublicKey(phone));
    bad.put("tampered payload", Tokens.tampered(account.accessToken(), TestSystem.newPhone()));
    bad.put("wrong issuer", tokens.signed(Tokens.claims(phone).put("iss", "someone-else")));
    bad.put("no login id", tokens.signed(Tokens.claims(phone).put("sid", (String) null)));
    bad.put(
        "not yet valid",
        tokens.signed(Tokens.claims(phone).put("nbf", System.currentTimeMillis() / 1000 + 600)));
    bad.put("unknown key id", tokens.withUnknownKeyId(phone));
    bad.put("revoked", revoked.accessToken());

    for (Map.Entry<String, String> token : bad.entrySet()) {
      Http.Response response = http.get("/api/users/me", token.getValue());
      assertEquals(401, response.status(), token.getKey());
      assertEquals("UNAUTHENTICATED", response.errorCode(), token.getKey());
      Throwable refused = WsClient.connectFailure(system.port(), token.getValue());
      UpgradeRejectedException rejected =
          assertInstanceOf(UpgradeRejectedException.class, refused, token.getKey());
      assertEquals(401, rejected.getStatus(), token.getKey());
    }
    Throwable missing = WsClient.connectFailure(system.port(), null);
    assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, missing).getStatus());
    assertEquals(401, http.get("/api/users/me", null).status());
  }

  /**
   * The gateway remembers tokens whose signature it checked; that must not outlive a logout or the
   * expiry.
   */
  @Test
  void aTokenAcceptedBeforeIsRefusedAfterLogoutAndAfterItExpires() throws Exception {
    Users.Account account = Users.register(http);
    Users.Account loggedOut = Users.login(http, account.phone());
    assertEquals(200, http.get("/api/users/me", loggedOut.accessToken()).status());
    assertNull(WsClient.connectFailure(system.port(), loggedOut.accessToken()));
    assertEquals(204, http.post("/api/auth/logout", null, loggedOut.accessToken()).status());
    assertEquals(401, http.get("/api/users/me", loggedOut.accessToken()).status());
    assertEquals(
        401,
        assertInstanceOf(
                UpgradeRejectedException.class,
                WsClient.connectFailure(system.port(), loggedOut.accessToken()))
            .getStatus());

    long expiry = System.currentTimeMillis() / 1000 + 2;
    String shortLived = tokens.signed(Tokens.claims(account.phone()).put("exp", expiry));
    assertEquals(200, http.get("/api/users/me", shortLived).status());
    assertNull(WsClient.connectFailure(system.port(), shortLived));
    long deadline = System.currentTimeMillis() + 10_000;
    while (http.get("/api/users/me", shortLived).status() == 200
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(System.currentTimeMillis() / 1000 >= expiry, "refused only once expired");
    assertEquals(401, http.get("/api/users/me", shortLived).status());
    assertEquals(
        401,
        assertInstanceOf(
                UpgradeRejectedException.class, WsClient.connectFailure(system.port(), shortLived))
            .getStatus());
  }

  @Test
  void aWellFormedTokenFromTheServersKeyIsAccepted() {
    Users.Account account = Users.register(http);
    String handMade = tokens.valid(account.phone());
    assertEquals(200, http.get("/api/users/me", handMade).status());
    assertNull(WsClient.connectFailure(system.port(), handMade));
    JsonObject me = http.get("/api/users/me", account.accessToken()).json();
    assertEquals(account.phone(), me.getString("phone"));
  }
}
