package chat.weiliao.user;

import static chat.weiliao.common.testing.ServiceUnderTest.await;
import static chat.weiliao.common.testing.ServiceUnderTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.testing.Inbox;
import chat.weiliao.user.UserServiceFixture.Account;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Friendship with consent, and what chat-service is asked along the way: the direct chat opens on
 * accept with the pair and the request's epoch, and closes on delete in a new epoch. When
 * chat-service fails, the caller sees its error and a retry finishes the job.
 */
class UserServiceContactsTest {
  @RegisterExtension static final UserServiceFixture fixture = new UserServiceFixture();

  @Test
  void acceptingOpensTheDirectChatAndTellsBothSides() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    Inbox alicesInbox = fixture.inbox(alice.phone());
    Inbox bobsInbox = fixture.inbox(bob.phone());
    JsonObject request = fixture.request(alice, bob);
    assertEquals("pending", request.getString("status"));
    assertEquals(
        request.getString("id"),
        bobsInbox
            .next(ClientEvents.CONTACT_REQUEST)
            .payload()
            .getJsonObject("request")
            .getString("id"));

    JsonObject contact =
        await(fixture.ask(bob.phone(), UserApi.ACCEPT_REQUEST, "id", request.getString("id")));
    assertEquals(
        alice.phone(), contact.getString("phone"), "the addressee gets the requester as a contact");
    JsonObject opened = fixture.chat().next(ChatApi.OPEN_DIRECT).body();
    assertEquals(alice.phone(), opened.getString("a"));
    assertEquals(bob.phone(), opened.getString("b"));
    assertEquals(0L, opened.getLong("epoch"), "a pair never deleted is in epoch 0");
    assertEquals(
        request.getString("id") + ":" + request.getLong("createdAt"), opened.getString("occasion"));
    assertEquals(
        bob.phone(),
        alicesInbox
            .next(ClientEvents.CONTACT_ADDED)
            .payload()
            .getJsonObject("contact")
            .getString("phone"));
    assertEquals(
        alice.phone(),
        bobsInbox
            .next(ClientEvents.CONTACT_ADDED)
            .payload()
            .getJsonObject("contact")
            .getString("phone"));
  }

  @Test
  void deletingClosesTheDirectChatInANewEpochThatTheNextAcceptCarries() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    fixture.befriend(alice, bob);
    Inbox bobsInbox = fixture.inbox(bob.phone());

    await(fixture.ask(alice.phone(), UserApi.DELETE_CONTACT, "phone", bob.phone()));
    JsonObject closed = fixture.chat().next(ChatApi.CLOSE_DIRECT).body();
    assertEquals(alice.phone(), closed.getString("a"));
    assertEquals(bob.phone(), closed.getString("b"));
    assertEquals(1L, closed.getLong("epoch"));
    assertEquals(
        alice.phone(), bobsInbox.next(ClientEvents.CONTACT_REMOVED).payload().getString("phone"));
    assertEquals(new JsonArray(), fixture.contactsOf(bob));

    fixture.befriend(alice, bob);
    assertEquals(
        0L,
        fixture.chat().next(ChatApi.OPEN_DIRECT).body().getLong("epoch"),
        "the first friendship's open");
    assertEquals(
        1L,
        fixture.chat().next(ChatApi.OPEN_DIRECT).body().getLong("epoch"),
        "the second friendship's open");
  }

  @Test
  void anAcceptThatChatServiceFailsAnswersItsErrorAndARetryFinishes() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    String id = fixture.request(alice, bob).getString("id");
    fixture
        .chat()
        .fail(ChatApi.OPEN_DIRECT, ApiException.unavailable("chat-service is restarting"));

    assertEquals(
        ErrorCode.UNAVAILABLE,
        failure(fixture.ask(bob.phone(), UserApi.ACCEPT_REQUEST, "id", id)).code());
    fixture.chat().answer(ChatApi.OPEN_DIRECT, new JsonObject());
    Inbox alicesInbox = fixture.inbox(alice.phone());
    await(fixture.ask(bob.phone(), UserApi.ACCEPT_REQUEST, "id", id));
    assertEquals(
        bob.phone(),
        alicesInbox
            .next(ClientEvents.CONTACT_ADDED)
            .payload()
            .getJsonObject("contact")
            .getString("phone"));
    assertEquals(1, fixture.contactsOf(alice).size());
  }

  @Test
  void aDeleteThatChatServiceFailsKeepsTheContactForARetry() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    fixture.befriend(alice, bob);
    fixture
        .chat()
        .fail(ChatApi.CLOSE_DIRECT, ApiException.unavailable("chat-service is restarting"));

    assertEquals(
        ErrorCode.UNAVAILABLE,
        failure(fixture.ask(alice.phone(), UserApi.DELETE_CONTACT, "phone", bob.phone())).code());
    assertEquals(
        1, fixture.contactsOf(alice).size(), "no contact is unlinked over a chat left open");
    fixture.chat().answer(ChatApi.CLOSE_DIRECT, new JsonObject());
    await(fixture.ask(alice.phone(), UserApi.DELETE_CONTACT, "phone", bob.phone()));
    assertEquals(new JsonArray(), fixture.contactsOf(alice));
  }

  @Test
  void onlyTheAddresseeAcceptsAndNobodyAddsThemselves() throws Exception {
    Account alice = fixture.register();
    Account bob = fixture.register();
    String id = fixture.request(alice, bob).getString("id");
    assertEquals(
        ErrorCode.FORBIDDEN,
        failure(fixture.ask(alice.phone(), UserApi.ACCEPT_REQUEST, "id", id)).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        failure(
                fixture.ask(
                    alice.phone(),
                    UserApi.CREATE_REQUEST,
                    new JsonObject().put("to", alice.phone())))
            .code());
  }
}
