package chat.weiliao.user;

import static chat.weiliao.common.testing.ServiceUnderTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.testing.GatewayNodes;
import chat.weiliao.common.testing.Inbox;
import chat.weiliao.user.UserServiceFixture.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who hears of a change: user.updated to the user, their contacts and their groups' co-members
 * (asked of chat-service), once each; presence to contacts when online-ness changes. "Heard
 * nothing" is shown by order, not by waiting: the next event a user gets is a later one.
 */
class UserServiceProfilesTest {
  @RegisterExtension static final UserServiceFixture fixture = new UserServiceFixture();

  @Test
  void aProfileChangeReachesTheUserContactsAndCoMembersOnceEach() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    Account carol = fixture.register();
    Account dave = fixture.register();
    fixture.befriend(alice, bob);
    // bob is both a contact and a co-member: he hears once
    coMembers(carol, bob);
    Inbox alices = fixture.inbox(alice.phone());
    Inbox bobs = fixture.inbox(bob.phone());
    Inbox carols = fixture.inbox(carol.phone());
    Inbox daves = fixture.inbox(dave.phone());

    JsonObject user =
        await(
            fixture.ask(
                alice.phone(), UserApi.UPDATE_ME, new JsonObject().put("nickname", "Alice")));
    assertEquals("Alice", user.getString("nickname"));
    assertEquals(alice.phone(), fixture.chat().next(ChatApi.CO_MEMBERS).caller());
    for (Inbox inbox : new Inbox[] {alices, bobs, carols}) {
      assertEquals(user, inbox.next(ClientEvents.USER_UPDATED).payload().getJsonObject("user"));
    }

    coMembers(bob, dave);
    await(fixture.ask(carol.phone(), UserApi.UPDATE_ME, new JsonObject().put("signature", "hi")));
    assertEquals(
        carol.phone(),
        bobs.next(ClientEvents.USER_UPDATED).payload().getJsonObject("user").getString("phone"),
        "bob's next user.updated is carol's: alice's came once");
    assertEquals(
        carol.phone(),
        daves.next(ClientEvents.USER_UPDATED).payload().getJsonObject("user").getString("phone"),
        "dave, neither contact nor co-member of alice, heard nothing of her");
  }

  @Test
  void withoutChatServiceTheChangeIsStoredAndContactsStillHear() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    fixture.befriend(alice, bob);
    fixture.chat().fail(ChatApi.CO_MEMBERS, ApiException.unavailable("chat-service is restarting"));
    Inbox bobs = fixture.inbox(bob.phone());

    JsonObject user =
        await(
            fixture.ask(
                alice.phone(), UserApi.UPDATE_ME, new JsonObject().put("nickname", "Alice")));
    assertEquals("Alice", user.getString("nickname"));
    assertEquals(user, bobs.next(ClientEvents.USER_UPDATED).payload().getJsonObject("user"));
    assertEquals(
        "Alice",
        await(fixture.ask(alice.phone(), UserApi.ME, new JsonObject())).getString("nickname"));
  }

  @Test
  void contactsHearPresenceOnlyWhenOnlineNessChanges() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    fixture.befriend(alice, bob);
    Inbox bobs = fixture.inbox(bob.phone());
    GatewayNodes nodes = new GatewayNodes(fixture);
    await(nodes.alive("node-1"));
    await(nodes.alive("node-2"));

    await(fixture.users().presence(alice.phone(), "node-1", true));
    JsonObject online = bobs.next(ClientEvents.PRESENCE).payload();
    assertEquals(
        new JsonObject().put("phone", alice.phone()).put("online", true).putNull("lastSeen"),
        online);

    await(fixture.users().presence(alice.phone(), "node-2", true));
    await(fixture.users().presence(alice.phone(), "node-2", false));
    await(fixture.users().presence(alice.phone(), "node-1", false));
    JsonObject offline = bobs.next(ClientEvents.PRESENCE).payload();
    assertEquals(
        false, offline.getBoolean("online"), "a second node coming and going changed nothing");
    assertNotNull(offline.getLong("lastSeen"));
    assertTrue(offline.getLong("lastSeen") <= System.currentTimeMillis());
    assertEquals(false, await(fixture.users().isOnline(alice.phone())));
    await(fixture.users().presence(alice.phone(), "node-2", true));
    assertEquals(
        true, await(fixture.users().isOnline(alice.phone())), "a socket on a live node is online");
    await(nodes.dead("node-2"));
    assertEquals(
        false, await(fixture.users().isOnline(alice.phone())), "a dead node's sockets are not");
  }

  /** chat-service's answer to groups.co-members from now on. */
  private static void coMembers(Account... members) {
    JsonArray phones = new JsonArray();
    for (Account member : members) {
      phones.add(member.phone());
    }
    fixture.chat().answer(ChatApi.CO_MEMBERS, new JsonObject().put("phones", phones));
  }
}
