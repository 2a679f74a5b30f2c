package chat.weiliao.signaling;

import static chat.weiliao.common.testing.ServiceUnderTest.failure;
import static chat.weiliao.common.testing.ServiceUnderTest.newPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invites that never ring: to a non-contact, to someone offline, to someone in a call. */
class SignalingInviteTest {
  @RegisterExtension
  static final SignalingServiceFixture fixture = new SignalingServiceFixture(Map.of());

  @Test
  void aNonContactCannotBeCalled() {
    String alice = newPhone();
    String bob = newPhone();
    fixture.users().answer(UserApi.ARE_CONTACTS, new JsonObject().put("contacts", false));

    assertEquals(ErrorCode.FORBIDDEN, failure(invite(alice, bob)).code());
    BusCall asked = fixture.users().next(UserApi.ARE_CONTACTS);
    assertEquals(alice, asked.caller());
    assertEquals(bob, asked.body().getString("phone"));
  }

  @Test
  void anOfflineCalleeGetsAMissedCallAndAPushInstead() {
    String alice = newPhone();
    String bob = newPhone();
    fixture.users().answer(UserApi.IS_ONLINE, new JsonObject().put("online", false));

    assertEquals(ErrorCode.OFFLINE, failure(invite(alice, bob)).code());
    assertEquals(bob, fixture.users().next(UserApi.IS_ONLINE).body().getString("phone"));
    BusCall record = fixture.chat().next(ChatApi.CALL_RECORD);
    assertEquals(alice, record.body().getString("caller"));
    assertEquals(bob, record.body().getString("callee"));
    JsonObject content = record.body().getJsonObject("content");
    assertEquals("missed", content.getString("result"));
    assertEquals("audio", content.getString("media"));
    BusCall push = fixture.users().next(UserApi.PUSH_INVITE);
    assertEquals(bob, push.caller());
    assertEquals(
        new JsonObject()
            .put("callId", content.getString("callId"))
            .put("from", alice)
            .put("media", "audio"),
        push.body());
  }

  @Test
  void someoneInACallIsBusyForEveryoneElse() throws Exception {
    String alice = newPhone();
    String bob = newPhone();
    String carol = newPhone();
    fixture.invite(alice, "alice-tab", bob);

    assertEquals(ErrorCode.BUSY, failure(invite(carol, bob)).code(), "the callee rings already");
    assertEquals(
        ErrorCode.BUSY, failure(invite(carol, alice)).code(), "the caller is in a call too");
  }

  @Test
  void badInvitesAreInvalid() {
    String alice = newPhone();
    assertEquals(ErrorCode.INVALID_ARGUMENT, failure(invite(alice, alice)).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        failure(
                fixture.frame(
                    alice,
                    "alice-tab",
                    SignalingApi.INVITE_OFFER.name(),
                    new JsonObject().put("to", newPhone()).put("media", "fax")))
            .code());
  }

  private static Future<JsonObject> invite(String caller, String callee) {
    return fixture.frame(
        caller,
        "tab",
        SignalingApi.INVITE_OFFER.name(),
        new JsonObject().put("to", callee).put("media", "audio"));
  }
}
