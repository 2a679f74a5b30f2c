package chat.weiliao.user;

import static chat.weiliao.common.testing.ServiceUnderTest.await;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.BusAction;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.testing.EmbeddedRedis;
import chat.weiliao.common.testing.InMemoryMongo;
import chat.weiliao.common.testing.ServiceUnderTest;
import chat.weiliao.common.testing.StubService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * user-service deployed for real (in-memory MongoDB-wire server, a Redis process), asked through
 * {@link UserApi} as the gateway and the other services ask it, with chat-service stubbed afresh
 * for each test. bcrypt runs at its lowest cost: these tests are about the service, not the hash.
 */
final class UserServiceFixture extends ServiceUnderTest {
  private StubService chat;

  UserServiceFixture() {
    super(
        UserServiceVerticle::new,
        Map.of("WEILIAO_BCRYPT_COST", "4"),
        new InMemoryMongo(),
        new EmbeddedRedis());
  }

  /** chat-service as the contract answers: direct chats open and close, no shared groups. */
  @Override
  protected void stubNeighbours() throws Exception {
    chat =
        stub(Addresses.CHAT_SERVICE)
            .answer(ChatApi.OPEN_DIRECT, new JsonObject())
            .answer(ChatApi.CLOSE_DIRECT, new JsonObject())
            .answer(ChatApi.CO_MEMBERS, new JsonObject().put("phones", new JsonArray()));
  }

  /** The service's typed client (three references: one per call is free). */
  UserApi users() {
    return new UserApi(vertx(), config());
  }

  /** This test's chat-service. */
  StubService chat() {
    return chat;
  }

  /** A signed-in user: the phone and the tokens register answered. */
  record Account(String phone, JsonObject tokens) {
    /** The login's session id: the refresh token is {@code <sid>.<secret>}. */
    String session() {
      String refresh = tokens.getString("refreshToken");
      return refresh.substring(0, refresh.indexOf('.'));
    }
  }

  Account register() throws Exception {
    String phone = newPhone();
    JsonObject tokens =
        await(
            users()
                .ask(
                    UserApi.REGISTER.name(),
                    BusCall.of(
                            new JsonObject()
                                .put("phone", phone)
                                .put("password", "secret-" + phone)
                                .put("nickname", "N" + phone))
                        .ip("192.0.2.1")));
    return new Account(phone, tokens);
  }

  /**
   * A client-facing {@code action} asked as {@code caller}, the way the gateway asks on a signed-in
   * request: the client's JSON body, read by the action's reader in the service.
   */
  Future<JsonObject> ask(String caller, BusAction<?, ?> action, JsonObject body) {
    return users().ask(action.name(), BusCall.by(caller, body));
  }

  /** The same with a path parameter ({@code id} or {@code phone}). */
  Future<JsonObject> ask(String caller, BusAction<?, ?> action, String param, String value) {
    return users().ask(action.name(), BusCall.by(caller, new JsonObject()).param(param, value));
  }

  /** {@code from} asks {@code to}; returns the pending request. */
  JsonObject request(Account from, Account to) throws Exception {
    return await(ask(from.phone(), UserApi.CREATE_REQUEST, new JsonObject().put("to", to.phone())));
  }

  /** Makes the two contacts (chat-service must answer direct.open). */
  void befriend(Account from, Account to) throws Exception {
    await(ask(to.phone(), UserApi.ACCEPT_REQUEST, "id", request(from, to).getString("id")));
  }

  JsonArray contactsOf(Account account) throws Exception {
    return await(ask(account.phone(), UserApi.CONTACTS, new JsonObject())).getJsonArray("contacts");
  }
}
