package chat.weiliao.user;

import static chat.weiliao.common.testing.ServiceUnderTest.await;
import static chat.weiliao.common.testing.ServiceUnderTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.testing.Inbox;
import chat.weiliao.user.UserServiceFixture.Account;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Register, login, refresh and logout, asked over the bus as the gateway asks them. */
class UserServiceAccountsTest {
  @RegisterExtension static final UserServiceFixture fixture = new UserServiceFixture();

  @Test
  void registerSignsInAndRefusesATakenPhoneOrABadField() throws Exception {
    Account alice = fixture.register();
    assertNotNull(alice.tokens().getString("accessToken"));
    JsonObject user = alice.tokens().getJsonObject("user");
    assertEquals(alice.phone(), user.getString("phone"));
    assertEquals("N" + alice.phone(), user.getString("nickname"));

    JsonObject again =
        new JsonObject()
            .put("phone", alice.phone())
            .put("password", "another-one")
            .put("nickname", "Twin");
    assertEquals(
        ErrorCode.CONFLICT,
        failure(fixture.users().ask(UserApi.REGISTER.name(), BusCall.of(again))).code());
    JsonObject shortPassword = again.copy().put("phone", "13912345678").put("password", "short");
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        failure(fixture.users().ask(UserApi.REGISTER.name(), BusCall.of(shortPassword))).code());
  }

  @Test
  void loginTakesTheRightPasswordOnly() throws Exception {
    Account alice = fixture.register();
    JsonObject signedIn = await(login(alice.phone(), "secret-" + alice.phone()));
    assertEquals(alice.phone(), signedIn.getJsonObject("user").getString("phone"));
    assertNotEquals(
        alice.session(), new Account(alice.phone(), signedIn).session(), "each login is a session");

    assertEquals(ErrorCode.UNAUTHENTICATED, failure(login(alice.phone(), "wrong-password")).code());
    assertEquals(
        ErrorCode.UNAUTHENTICATED,
        failure(login("13999999999", "secret-x")).code(),
        "an unknown phone reads like a wrong password");
  }

  @Test
  void refreshRotatesAndASpentTokenEndsTheLogin() throws Exception {
    Account alice = fixture.register();
    String first = alice.tokens().getString("refreshToken");
    JsonObject rotated = await(refresh(first));
    assertEquals(alice.phone(), rotated.getJsonObject("user").getString("phone"));
    String second = rotated.getString("refreshToken");
    assertNotEquals(first, second);

    assertEquals(
        ErrorCode.UNAUTHENTICATED, failure(refresh(first)).code(), "reuse of a spent token");
    assertEquals(
        ErrorCode.UNAUTHENTICATED, failure(refresh(second)).code(), "reuse ended the whole login");
  }

  @Test
  void logoutClosesTheLoginsSocketsAndItsRefresh() throws Exception {
    Account alice = fixture.register();
    Inbox inbox = fixture.inbox(alice.phone());
    await(
        fixture
            .users()
            .ask(
                UserApi.LOGOUT.name(),
                BusCall.by(alice.phone(), new JsonObject()).session(alice.session())));

    Inbox.Event revoked = inbox.next(Events.REVOKE_SESSION);
    assertEquals(alice.session(), revoked.body(), "the gateways close the sockets of this login");
    assertEquals(
        ErrorCode.UNAUTHENTICATED,
        failure(refresh(alice.tokens().getString("refreshToken"))).code());
  }

  private static Future<JsonObject> login(String phone, String password) {
    return fixture
        .users()
        .ask(
            UserApi.LOGIN.name(),
            BusCall.of(new JsonObject().put("phone", phone).put("password", password))
                .ip("192.0.2.1"));
  }

  private static Future<JsonObject> refresh(String refreshToken) {
    return fixture
        .users()
        .ask(
            UserApi.REFRESH.name(), BusCall.of(new JsonObject().put("refreshToken", refreshToken)));
  }
}
