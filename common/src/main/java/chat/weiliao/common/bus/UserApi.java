package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phone;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.bus.UserRequests.Credentials;
import chat.weiliao.common.bus.UserRequests.NewContactRequest;
import chat.weiliao.common.bus.UserRequests.ProfileChange;
import chat.weiliao.common.bus.UserRequests.PushEndpoint;
import chat.weiliao.common.bus.UserRequests.PushSubscription;
import chat.weiliao.common.bus.UserRequests.RefreshRequest;
import chat.weiliao.common.bus.UserRequests.Registration;
import chat.weiliao.common.bus.UserRequests.RemarkChange;
import chat.weiliao.common.bus.UserRequests.RequestRef;
import chat.weiliao.common.contract.ContractObjects.CallMedia;
import chat.weiliao.common.contract.ContractObjects.Contact;
import chat.weiliao.common.contract.ContractObjects.ContactRequest;
import chat.weiliao.common.contract.ContractObjects.User;
import chat.weiliao.common.contract.MayBeAbsent;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * user-service's bus API: its actions, and typed calls for the other services. The client-facing
 * actions' requests are read from the route by {@link UserRequests}; their replies are the records
 * below or one contract object as the service built it ({@code Wire<User>}, {@code Wire<Contact>},
 * {@code Wire<ContactRequest>}).
 */
public final class UserApi extends ServiceClient {
  public static final BusAction<Registration, SignedIn> REGISTER =
      BusAction.fromClient("auth.register", Registration::read, SignedIn.class);
  public static final BusAction<Credentials, SignedIn> LOGIN =
      BusAction.fromClient("auth.login", Credentials::read, SignedIn.class);
  public static final BusAction<RefreshRequest, SignedIn> REFRESH =
      BusAction.fromClient("auth.refresh", RefreshRequest::read, SignedIn.class);

  /** Ends the caller's login (the session travels with the call). */
  public static final BusAction<Empty, Empty> LOGOUT =
      BusAction.fromClient("auth.logout", call -> Empty.VALUE, Empty.class);

  public static final BusAction<Empty, PublicKey> PUBLIC_KEY =
      BusAction.of("auth.public-key", Empty.class, PublicKey.class);
  public static final BusAction<Empty, Wire<User>> ME =
      BusAction.fromClient("users.me", call -> Empty.VALUE, BusAction.wire());
  public static final BusAction<ProfileChange, Wire<User>> UPDATE_ME =
      BusAction.fromClient("users.update-me", ProfileChange::read, BusAction.wire());

  /** Exact-phone search: the one user with that phone, or none. */
  public static final BusAction<Phone, UserList> SEARCH =
      BusAction.fromClient("users.search", UserRequests::phoneOf, UserList.class);

  public static final BusAction<Phone, Wire<User>> GET =
      BusAction.fromClient("users.get", UserRequests::phoneOf, BusAction.wire());

  /**
   * Internal: profiles of several users as the caller sees them (contact fields where contacts).
   */
  public static final BusAction<Phones, Profiles> PROFILES =
      BusAction.of("users.profiles", Phones.class, Profiles.class);

  /**
   * A friend request; one that crosses the addressee's pending request to the caller accepts it
   * instead and answers that request with 200.
   */
  public static final BusAction<NewContactRequest, Wire<ContactRequest>> CREATE_REQUEST =
      BusAction.fromClient("contacts.request", NewContactRequest::read, BusAction.wire());

  public static final BusAction<Empty, RequestLists> LIST_REQUESTS =
      BusAction.fromClient("contacts.requests", call -> Empty.VALUE, RequestLists.class);

  /** Accepts a request: the new contact as the caller sees them. */
  public static final BusAction<RequestRef, Wire<Contact>> ACCEPT_REQUEST =
      BusAction.fromClient("contacts.accept", RequestRef::read, BusAction.wire());

  public static final BusAction<RequestRef, Empty> DECLINE_REQUEST =
      BusAction.fromClient("contacts.decline", RequestRef::read, Empty.class);
  public static final BusAction<Empty, ContactList> CONTACTS =
      BusAction.fromClient("contacts.list", call -> Empty.VALUE, ContactList.class);
  public static final BusAction<RemarkChange, Wire<Contact>> UPDATE_CONTACT =
      BusAction.fromClient("contacts.update", RemarkChange::read, BusAction.wire());
  public static final BusAction<Phone, Empty> DELETE_CONTACT =
      BusAction.fromClient("contacts.delete", UserRequests::phoneOf, Empty.class);

  /** Internal: which of the given phones are the caller's contacts. */
  public static final BusAction<Phones, ContactsAmong> CONTACTS_AMONG =
      BusAction.of("contacts.among", Phones.class, ContactsAmong.class);

  /** Internal: the phones of all of the caller's contacts (moments' fan-out). */
  public static final BusAction<Empty, Phones> CONTACT_PHONES =
      BusAction.of("contacts.phones", Empty.class, Phones.class);

  /** Internal: whether the caller and the phone asked about are contacts. */
  public static final BusAction<Phone, AreContacts> ARE_CONTACTS =
      BusAction.of("contacts.check", Phone.class, AreContacts.class);

  /** Internal, from gateways: the caller's first socket on a node opened / last one closed. */
  public static final BusAction<GatewayNode, Empty> PRESENCE_ONLINE =
      BusAction.of("presence.online", GatewayNode.class, Empty.class);

  public static final BusAction<GatewayNode, Empty> PRESENCE_OFFLINE =
      BusAction.of("presence.offline", GatewayNode.class, Empty.class);

  /** Internal: whether a user has at least one open connection on a live gateway node. */
  public static final BusAction<Phone, Online> IS_ONLINE =
      BusAction.of("presence.check", Phone.class, Online.class);

  /** Web Push (contract 1.1 §5.4): the VAPID public key, and a login's push subscriptions. */
  public static final BusAction<Empty, PushKey> PUSH_KEY =
      BusAction.fromClient("push.key", call -> Empty.VALUE, PushKey.class);

  public static final BusAction<PushSubscription, Empty> PUSH_SUBSCRIBE =
      BusAction.fromClient("push.subscribe", PushSubscription::read, Empty.class);
  public static final BusAction<PushEndpoint, Empty> PUSH_UNSUBSCRIBE =
      BusAction.fromClient("push.unsubscribe", PushEndpoint::read, Empty.class);

  /** Internal, told (never awaited) by chat-service: a message was stored for these recipients. */
  public static final BusAction<StoredMessage, Empty> PUSH_MESSAGE =
      BusAction.of("push.message", StoredMessage.class, Empty.class);

  /**
   * Internal, told by signaling-service: a call invite found the caller of this request offline.
   */
  public static final BusAction<Invite, Empty> PUSH_INVITE =
      BusAction.of("push.invite", Invite.class, Empty.class);

  public record PublicKey(String pem) {}

  /** A login's tokens ({@code expiresIn}: the access token's lifetime in seconds) and its user. */
  public record SignedIn(
      String accessToken, String refreshToken, long expiresIn, Wire<User> user) {}

  public record UserList(List<Wire<User>> users) {}

  /** Friend requests to the caller and from the caller (any status), newest first. */
  public record RequestLists(
      List<Wire<ContactRequest>> incoming, List<Wire<ContactRequest>> outgoing) {}

  public record ContactList(List<Wire<Contact>> contacts) {}

  /** The VAPID public key (base64url, uncompressed P-256) that browsers subscribe with. */
  public record PushKey(String vapidPublicKey) {}

  /** Each phone's profile as the caller sees it, keyed by phone; unknown phones are absent. */
  public record Profiles(JsonObject profiles) {}

  public record ContactsAmong(List<String> contacts) {}

  public record AreContacts(boolean contacts) {}

  public record Online(boolean online) {}

  /** The gateway node a presence report comes from (presence counts nodes, not sockets). */
  public record GatewayNode(String node) {}

  /**
   * A stored message, as much of it as a push needs, and the members it may be pushed to (not the
   * sender, not those who muted the conversation). {@code groupName} only for groups.
   */
  public record StoredMessage(
      String conversationId,
      long seq,
      String from,
      String kind,
      JsonObject content,
      @MayBeAbsent String groupName,
      List<String> recipients) {}

  /** A call invite that found its callee with no open connection. */
  public record Invite(String callId, String from, CallMedia media) {}

  public UserApi(Vertx vertx, Config config) {
    super(vertx, Addresses.USER_SERVICE, config.busTimeoutMillis());
  }

  /** The PEM of the public key that verifies access tokens. */
  public Future<String> publicKey() {
    return ask(PUBLIC_KEY, BusCall.anonymous(), Empty.VALUE).map(PublicKey::pem);
  }

  /**
   * Phones one profiles or contacts.among request carries; user-service refuses more than 1,000.
   */
  static final int PROFILES_BATCH = 500;

  /**
   * Profiles of the given users as {@code caller} sees them, keyed by phone; unknown phones are
   * absent. Asked in batches, so no number of phones can make the lookup fail.
   */
  public Future<JsonObject> profiles(String caller, Iterable<String> phones) {
    return inBatches(
            phones,
            batch -> ask(PROFILES, BusCall.by(caller), new Phones(batch)).map(Profiles::profiles))
        .map(
            answers -> {
              JsonObject all = new JsonObject();
              answers.forEach(all::mergeIn);
              return all;
            });
  }

  /**
   * The subset of {@code phones} that are {@code caller}'s contacts, asked in batches like {@link
   * #profiles}.
   */
  public Future<Set<String>> contactsAmong(String caller, Iterable<String> phones) {
    return inBatches(
            phones,
            batch ->
                ask(CONTACTS_AMONG, BusCall.by(caller), new Phones(batch))
                    .<Set<String>>map(among -> new HashSet<>(among.contacts())))
        .map(
            answers -> {
              Set<String> found = new HashSet<>();
              answers.forEach(found::addAll);
              return found;
            });
  }

  /**
   * Asks about the distinct phones {@link #PROFILES_BATCH} at a time, all batches at once; nothing
   * asked for none.
   */
  private static <T> Future<List<T>> inBatches(
      Iterable<String> phones, Function<List<String>, Future<T>> ask) {
    Set<String> unique = new LinkedHashSet<>();
    phones.forEach(unique::add);
    List<Future<T>> batches = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    for (String phone : unique) {
      batch.add(phone);
      if (batch.size() == PROFILES_BATCH) {
        batches.add(ask.apply(batch));
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(ask.apply(batch));
    }
    return Future.all(batches).map(CompositeFuture::<T>list);
  }

  /** The phones of every contact of {@code owner}. */
  public Future<Set<String>> contactPhones(String owner) {
    return ask(CONTACT_PHONES, BusCall.by(owner), Empty.VALUE)
        .<Set<String>>map(found -> new HashSet<>(found.phones()));
  }

  public Future<Boolean> areContacts(String a, String b) {
    return ask(ARE_CONTACTS, BusCall.by(a), new Phone(b)).map(AreContacts::contacts);
  }

  public Future<Boolean> isOnline(String phone) {
    return ask(IS_ONLINE, BusCall.anonymous(), new Phone(phone)).map(Online::online);
  }

  /** Tells user-service a user's first socket opened on a gateway node (or last closed). */
  public Future<Void> presence(String phone, String node, boolean online) {
    return ask(
            online ? PRESENCE_ONLINE : PRESENCE_OFFLINE, BusCall.by(phone), new GatewayNode(node))
        .mapEmpty();
  }

  /**
   * A signed-in user's own profile, as {@code GET /api/users/me} answers it (for session.ready;
   * asked as that user, so it never counts against anyone's profile-lookup quota).
   */
  public Future<JsonObject> user(String phone) {
    return ask(ME, BusCall.by(phone), Empty.VALUE).map(Wire::json);
  }

  /**
   * Asks for pushes to the recipients of a stored message who are offline (see {@link
   * #PUSH_MESSAGE}); not awaited, so it can never delay or fail the send.
   */
  public void pushMessage(StoredMessage message) {
    tell(PUSH_MESSAGE, BusCall.anonymous(), message);
  }

  /** Asks for a push of a call invite to a callee with no open connection; not awaited. */
  public void pushInvite(String callee, Invite invite) {
    tell(PUSH_INVITE, BusCall.by(callee), invite);
  }
}
