package chat.weiliao.signaling;

import static chat.weiliao.common.testing.ServiceUnderTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.testing.EmbeddedRedis;
import chat.weiliao.common.testing.ServiceUnderTest;
import chat.weiliao.common.testing.StubService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * signaling-service deployed for real on a Redis process, asked through {@link SignalingApi} as
 * gateways ask it (a phone and a connection per frame), with user- and chat-service stubbed afresh
 * for each test.
 */
final class SignalingServiceFixture extends ServiceUnderTest {
  private StubService users;
  private StubService chat;

  SignalingServiceFixture(Map<String, String> settings) {
    super(SignalingServiceVerticle::new, settings, new EmbeddedRedis());
  }

  /**
   * As the contract answers: everyone is a contact and online, pushes are taken, records written.
   */
  @Override
  protected void stubNeighbours() throws Exception {
    users =
        stub(Addresses.USER_SERVICE)
            .answer(UserApi.ARE_CONTACTS, new JsonObject().put("contacts", true))
            .answer(UserApi.IS_ONLINE, new JsonObject().put("online", true))
            .answer(UserApi.PUSH_INVITE, new JsonObject());
    chat = stub(Addresses.CHAT_SERVICE).answer(ChatApi.CALL_RECORD, new JsonObject());
  }

  /** The service's typed client (three references: one per call is free). */
  SignalingApi signaling() {
    return new SignalingApi(vertx(), config());
  }

  /** This test's user-service. */
  StubService users() {
    return users;
  }

  /** This test's chat-service. */
  StubService chat() {
    return chat;
  }

  /**
   * One call frame from {@code phone}'s connection {@code connection}, as a gateway forwards it.
   */
  Future<JsonObject> frame(String phone, String connection, String type, JsonObject payload) {
    return signaling().ask(type, BusCall.by(phone, payload).connection(connection));
  }

  /** {@code caller} rings {@code callee} from {@code connection}; returns the call id. */
  String invite(String caller, String connection, String callee) throws Exception {
    return await(
            frame(
                caller,
                connection,
                SignalingApi.INVITE_OFFER.name(),
                new JsonObject().put("to", callee).put("media", "video")))
        .getString("callId");
  }

  /** The frame about one call: just its id. */
  static JsonObject about(String callId) {
    return new JsonObject().put("callId", callId);
  }

  /**
   * The next call record chat-service is asked to write, which must be this call's with this
   * result.
   */
  JsonObject nextRecord(String callId, String result) {
    JsonObject content = chat.next(ChatApi.CALL_RECORD).body().getJsonObject("content");
    assertEquals(callId, content.getString("callId"));
    assertEquals(result, content.getString("result"));
    return content;
  }
}
