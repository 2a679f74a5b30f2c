package chat.weiliao.signaling;

import static chat.weiliao.common.testing.ServiceUnderTest.newPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.testing.Inbox;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unanswered call ends by itself at the ring deadline (1 s here): both sides hear, a missed call
 * is left.
 */
class SignalingRingTimeoutTest {
  @RegisterExtension
  static final SignalingServiceFixture fixture =
      new SignalingServiceFixture(Map.of("WEILIAO_CALL_RING_TIMEOUT", "1"));

  @Test
  void anUnansweredCallTimesOutAsMissed() throws Exception {
    String alice = newPhone();
    String bob = newPhone();
    Inbox alices = fixture.inbox(alice);
    Inbox bobs = fixture.inbox(bob);
    String id = fixture.invite(alice, "alice-tab", bob);
    bobs.next(ClientEvents.INVITE_OFFER);

    JsonObject timedOut = new JsonObject().put("callId", id).put("reason", "timeout");
    Inbox.Event toCaller = alices.next(ClientEvents.CALL_ENDED);
    assertEquals(timedOut, toCaller.payload());
    assertEquals("alice-tab", toCaller.onlyConnection());
    assertEquals(
        timedOut, bobs.next(ClientEvents.CALL_ENDED).payload(), "every ringing connection stops");
    fixture.nextRecord(id, "missed");
  }
}
