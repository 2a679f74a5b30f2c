package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** user-service's bus API: its actions, and typed calls for the other services. */
public final class UserApi extends ServiceClient {
  public static final String REGISTER = "auth.register";
  public static final String LOGIN = "auth.login";
  public static final String REFRESH = "auth.refresh";
  public static final String LOGOUT = "auth.logout";
  public static final String PUBLIC_KEY = "auth.public-key";
  public static final String ME = "users.me";
  public static final String UPDATE_ME = "users.update-me";
  public static final String SEARCH = "users.search";
  public static final String GET = "users.get";
  /** Internal: profiles of several users as the caller sees them (contact fields where contacts). */
  public static final String PROFILES = "users.profiles";
  public static final String CREATE_REQUEST = "contacts.request";
  public static final String LIST_REQUESTS = "contacts.requests";
  public static final String ACCEPT_REQUEST = "contacts.accept";
  public static final String DECLINE_REQUEST = "contacts.decline";
  public static final String CONTACTS = "contacts.list";
  public static final String UPDATE_CONTACT = "contacts.update";
  public static final String DELETE_CONTACT = "contacts.delete";
  /** Internal: which of the given phones are the caller's contacts, as {@code {contacts: [phone]}}. */
  public static final String CONTACTS_AMONG = "contacts.among";
  /** Internal: the phones of all of the caller's contacts, as {@code {phones: [phone]}} (moments' fan-out). */
  public static final String CONTACT_PHONES = "contacts.phones";
  /** Internal: whether two users are contacts, as {@code {contacts: boolean}}. */
  public static final String ARE_CONTACTS = "contacts.check";
  /** Internal, from gateways: a user's first socket on a node opened / last one closed. */
  public static final String PRESENCE_ONLINE = "presence.online";
  public static final String PRESENCE_OFFLINE = "presence.offline";
  /** Internal: whether a user has at least one open connection on a live gateway node. */
  public static final String IS_ONLINE = "presence.check";

  /** Web Push (contract 1.1 §5.4): the VAPID public key, and a login's push subscriptions. */
  public static final String PUSH_KEY = "push.key";
  public static final String PUSH_SUBSCRIBE = "push.subscribe";
  public static final String PUSH_UNSUBSCRIBE = "push.unsubscribe";
  /** Internal, told (never awaited) by chat-service: a message was stored for these recipients. */
  public static final String PUSH_MESSAGE = "push.message";
  /** Internal, told by signaling-service: a call invite found its callee with no open connection. */
  public static final String PUSH_INVITE = "push.invite";

  public UserApi(Vertx vertx, Config config) {
    super(vertx, Addresses.USER_SERVICE, config.busTimeoutMillis());
  }

  /** The PEM of the public key that verifies access tokens. */
  public Future<String> publicKey() {
    return ask(PUBLIC_KEY, BusCall.of(null)).map(body -> body.getString("pem"));
  }

  /** Phones one profiles or contacts.among request carries; user-service refuses more than 1,000. */
  static final int PROFILES_BATCH = 500;

  /**
   * Profiles of the given users as {@code caller} sees them, keyed by phone; unknown phones are
   * absent. Asked in batches, so no number of phones can make the lookup fail.
   */
  public Future<JsonObject> profiles(String caller, Iterable<String> phones) {
    return inBatches(phones, batch -> ask(PROFILES, BusCall.by(caller, new JsonObject().put("phones", batch)))
        .map(body -> body.getJsonObject("profiles", new JsonObject())))
        .map(answers -> {
          JsonObject all = new JsonObject();
          answers.forEach(all::mergeIn);
          return all;
        });
  }

  /** The subset of {@code phones} that are {@code caller}'s contacts, asked in batches like {@link #profiles}. */
  public Future<Set<String>> contactsAmong(String caller, Iterable<String> phones) {
    return inBatches(phones, batch -> ask(CONTACTS_AMONG, BusCall.by(caller, new JsonObject().put("phones", batch)))
        .map(body -> phoneSet(body.getJsonArray("contacts"))))
        .map(answers -> {
          Set<String> found = new java.util.HashSet<>();
          answers.forEach(found::addAll);
          return found;
        });
  }

  /** Asks about the distinct phones {@link #PROFILES_BATCH} at a time, all batches at once; nothing asked for none. */
  private static <T> Future<List<T>> inBatches(Iterable<String> phones, Function<JsonArray, Future<T>> ask) {
    Set<String> unique = new LinkedHashSet<>();
    phones.forEach(unique::add);
    List<Future<T>> batches = new ArrayList<>();
    JsonArray batch = new JsonArray();
    for (String phone : unique) {
      batch.add(phone);
      if (batch.size() == PROFILES_BATCH) {
        batches.add(ask.apply(batch));
        batch = new JsonArray();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(ask.apply(batch));
    }
    return Future.all(batches).map(CompositeFuture::<T>list);
  }

  /** The phones of every contact of {@code owner}. */
  public Future<Set<String>> contactPhones(String owner) {
    return ask(CONTACT_PHONES, BusCall.by(owner, new JsonObject())).map(body -> phoneSet(body.getJsonArray("phones")));
  }

  private static Set<String> phoneSet(JsonArray phones) {
    Set<String> found = new java.util.HashSet<>();
    if (phones != null) {
      phones.forEach(phone -> found.add((String) phone));
    }
    return found;
  }

  public Future<Boolean> areContacts(String a, String b) {
    return ask(ARE_CONTACTS, BusCall.by(a, new JsonObject().put("phone", b)))
        .map(body -> body.getBoolean("contacts", false));
  }

  public Future<Boolean> isOnline(String phone) {
    return ask(IS_ONLINE, BusCall.of(new JsonObject().put("phone", phone)))
        .map(body -> body.getBoolean("online", false));
  }

  /** Tells user-service a user's first socket opened on a gateway node (or last closed). */
  public Future<Void> presence(String phone, String node, boolean online) {
    return ask(online ? PRESENCE_ONLINE : PRESENCE_OFFLINE,
        BusCall.by(phone, new JsonObject().put("node", node))).mapEmpty();
  }

  /**
   * A signed-in user's own profile, as {@code GET /api/users/me} answers it (for session.ready;
   * asked as that user, so it never counts against anyone's profile-lookup quota).
   */
  public Future<JsonObject> user(String phone) {
    return ask(ME, BusCall.by(phone, new JsonObject()));
  }

  /**
   * Asks for pushes to the recipients of a stored message who are offline (see {@link #PUSH_MESSAGE});
   * not awaited, so it can never delay or fail the send.
   */
  public void pushMessage(JsonObject message) {
    tell(PUSH_MESSAGE, BusCall.of(message));
  }

  /** Asks for a push of a call invite to a callee with no open connection; not awaited. */
  public void pushInvite(String callee, JsonObject invite) {
    tell(PUSH_INVITE, BusCall.by(callee, invite));
  }
}
