package chat.weiliao.signaling;

import static chat.weiliao.common.testing.ServiceUnderTest.await;
import static chat.weiliao.common.testing.ServiceUnderTest.failure;
import static chat.weiliao.common.testing.ServiceUnderTest.newPhone;
import static chat.weiliao.signaling.SignalingServiceFixture.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.testing.Inbox;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call between alice's tab and bob's phone: the frames each side's connections are sent, and the
 * one call record chat-service is asked to write when it ends.
 */
class SignalingCallTest {
  @RegisterExtension
  static final SignalingServiceFixture fixture = new SignalingServiceFixture(Map.of());

  private String alice;
  private String bob;
  private Inbox alices;
  private Inbox bobs;

  @BeforeEach
  void twoContacts() throws Exception {
    alice = newPhone();
    bob = newPhone();
    alices = fixture.inbox(alice);
    bobs = fixture.inbox(bob);
  }

  @Test
  void anInviteRingsEveryConnectionAndAnAcceptAnswersTheCallersOne() throws Exception {
    String id = fixture.invite(alice, "alice-tab", bob);
    Inbox.Event ring = bobs.next(ClientEvents.INVITE_OFFER);
    assertEquals(id, ring.payload().getString("callId"));
    assertEquals(alice, ring.payload().getString("from"));
    assertNull(ring.onlyConnection(), "every connection of bob's rings");

    await(fixture.frame(bob, "bob-phone", SignalingApi.INVITE_ACCEPT.name(), about(id)));
    Inbox.Event accepted = alices.next(ClientEvents.INVITE_ACCEPT);
    assertEquals("alice-tab", accepted.onlyConnection());
    assertEquals(about(id).put("from", bob), accepted.payload());
    Inbox.Event elsewhere = bobs.next(ClientEvents.CALL_ENDED);
    assertEquals("bob-phone", elsewhere.exceptConnection(), "bob's other tabs stop ringing");
    assertEquals("answered-elsewhere", elsewhere.payload().getString("reason"));

    await(
        fixture.frame(
            alice, "alice-tab", SignalingApi.VIDEO_OFFER.name(), about(id).put("sdp", "v=0")));
    Inbox.Event offer = bobs.next(ClientEvents.VIDEO_OFFER);
    assertEquals("bob-phone", offer.onlyConnection());
    assertEquals("v=0", offer.payload().getString("sdp"));
    assertEquals(
        ErrorCode.FORBIDDEN,
        failure(
                fixture.frame(
                    bob,
                    "bob-laptop",
                    SignalingApi.VIDEO_ANSWER.name(),
                    about(id).put("sdp", "v=0")))
            .code(),
        "only the accepting connection signals");
  }

  @Test
  void aRefusalReachesTheCallerAndLeavesADeclinedRecord() throws Exception {
    String id = fixture.invite(alice, "alice-tab", bob);
    await(fixture.frame(bob, "bob-phone", SignalingApi.INVITE_REFUSE.name(), about(id)));

    Inbox.Event refused = alices.next(ClientEvents.INVITE_REFUSE);
    assertEquals("alice-tab", refused.onlyConnection());
    assertEquals(about(id).put("from", bob), refused.payload());
    fixture.nextRecord(id, "declined");
  }

  @Test
  void onlyThePlacingConnectionCancelsAndTheCalleeHears() throws Exception {
    String id = fixture.invite(alice, "alice-tab", bob);
    assertEquals(
        ErrorCode.FORBIDDEN,
        failure(fixture.frame(alice, "alice-phone", SignalingApi.INVITE_CANCEL.name(), about(id)))
            .code());
    await(fixture.frame(alice, "alice-tab", SignalingApi.INVITE_CANCEL.name(), about(id)));

    assertEquals(about(id).put("from", alice), bobs.next(ClientEvents.INVITE_CANCEL).payload());
    fixture.nextRecord(id, "cancelled");
  }

  @Test
  void aHangUpReachesTheOtherPartyAndWritesOneCompletedRecord() throws Exception {
    String id = fixture.invite(alice, "alice-tab", bob);
    await(fixture.frame(bob, "bob-phone", SignalingApi.INVITE_ACCEPT.name(), about(id)));
    await(fixture.frame(bob, "bob-phone", SignalingApi.HANG_UP.name(), about(id)));

    Inbox.Event hungUp = alices.next(ClientEvents.HANG_UP);
    assertEquals("alice-tab", hungUp.onlyConnection());
    assertEquals(about(id).put("from", bob), hungUp.payload());
    BusCall asked = fixture.chat().next(ChatApi.CALL_RECORD);
    assertEquals(alice, asked.body().getString("caller"));
    assertEquals(bob, asked.body().getString("callee"));
    JsonObject record = asked.body().getJsonObject("content");
    assertEquals(id, record.getString("callId"));
    assertEquals("completed", record.getString("result"));
    assertEquals("video", record.getString("media"));
    assertTrue(record.getLong("duration") >= 0);

    assertEquals(
        ErrorCode.NOT_FOUND,
        failure(fixture.frame(alice, "alice-tab", SignalingApi.HANG_UP.name(), about(id))).code());
    String next = fixture.invite(alice, "alice-tab", bob);
    await(fixture.frame(alice, "alice-tab", SignalingApi.INVITE_CANCEL.name(), about(next)));
    fixture.nextRecord(
        next, "cancelled"); // the next record asked for is the next call's: none came twice
  }
}
