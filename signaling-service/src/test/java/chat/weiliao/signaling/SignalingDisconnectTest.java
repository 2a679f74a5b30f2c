package chat.weiliao.signaling;

import static chat.weiliao.common.testing.ServiceUnderTest.await;
import static chat.weiliao.common.testing.ServiceUnderTest.newPhone;
import static chat.weiliao.signaling.SignalingServiceFixture.about;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.testing.GatewayNodes;
import chat.weiliao.common.testing.Inbox;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call ends "disconnected" when a party's connection closes (the gateway says so) or when the
 * gateway node holding it dies (its heartbeat stops; every instance's sweep notices). Connection
 * ids are {@code <node>/<socket>}, as gateways make them.
 */
class SignalingDisconnectTest {
  @RegisterExtension
  static final SignalingServiceFixture fixture = new SignalingServiceFixture(Map.of());

  private GatewayNodes nodes;
  private String alice;
  private String bob;
  private Inbox alices;

  @BeforeEach
  void aliceOnALiveNode() throws Exception {
    nodes = new GatewayNodes(fixture);
    await(nodes.alive("node-a"));
    alice = newPhone();
    bob = newPhone();
    alices = fixture.inbox(alice);
  }

  @Test
  void aClosedConnectionEndsItsCall() throws Exception {
    await(nodes.alive("node-b"));
    String id = answeredCall("node-b/7");
    await(fixture.signaling().connectionClosed(bob, "node-b/7"));

    assertEquals(
        about(id).put("reason", "disconnected"), alices.next(ClientEvents.CALL_ENDED).payload());
    fixture.nextRecord(id, "completed");
  }

  @Test
  void aDeadGatewayNodeEndsItsCalls() throws Exception {
    await(nodes.alive("node-c"));
    String id = answeredCall("node-c/1");
    await(nodes.dead("node-c"));

    assertEquals(
        about(id).put("reason", "disconnected"), alices.next(ClientEvents.CALL_ENDED).payload());
    fixture.nextRecord(id, "completed");
  }

  /** alice on node-a calls bob, who answers on {@code bobsConnection}. */
  private String answeredCall(String bobsConnection) throws Exception {
    String id = fixture.invite(alice, "node-a/1", bob);
    await(fixture.frame(bob, bobsConnection, SignalingApi.INVITE_ACCEPT.name(), about(id)));
    alices.next(ClientEvents.INVITE_ACCEPT);
    return id;
  }
}
