package chat.weiliao.user;

import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phone;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.UserApi.Profiles;
import chat.weiliao.common.bus.UserApi.UserList;
import chat.weiliao.common.bus.UserRequests.ProfileChange;
import chat.weiliao.common.contract.ContractObjects.User;
import chat.weiliao.common.contract.EventPayloads.UserUpdatedPayload;
import chat.weiliao.common.contract.Wire;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The caller's own profile, exact-phone search and public profiles. */
final class ProfileHandlers {
  static final int SEARCHES_PER_MINUTE = 30;
  private final Vertx vertx;
  private final ChatApi chat;
  private final UserStore users;
  private final RateLimiter limits;
  private final ContactStore contacts;
  private final ContactViews views;
  private final Quotas quotas;

  ProfileHandlers(
      Vertx vertx,
      UserStore users,
      RateLimiter limits,
      ContactStore contacts,
      ContactViews views,
      Quotas quotas,
      ChatApi chat) {
    this.vertx = vertx;
    this.chat = chat;
    this.users = users;
    this.limits = limits;
    this.contacts = contacts;
    this.views = views;
    this.quotas = quotas;
  }

  Future<Answer<Wire<User>>> me(BusCall call, Empty nothing) {
    return users.find(call.caller()).map(ProfileHandlers::user);
  }

  Future<Answer<Wire<User>>> updateMe(BusCall call, ProfileChange change) {
    if (change.isEmpty()) {
      return me(call, Empty.VALUE);
    }
    JsonObject fields = new JsonObject();
    if (change.nickname() != null) {
      fields.put("nickname", change.nickname());
    }
    if (change.changesAvatar()) {
      fields.put("avatar", change.avatar());
    }
    if (change.signature() != null) {
      fields.put("signature", change.signature());
    }
    return users.update(call.caller(), fields).compose(this::announceProfile);
  }

  private static Answer<Wire<User>> user(JsonObject user) {
    return Answer.of(Wire.of(user));
  }

  /**
   * user.updated (contract 5.2): the changed profile goes to the user's contacts, everyone who
   * shares a group with them, and their own other connections, once each, after the reply.
   */
  private Future<Answer<Wire<User>>> announceProfile(JsonObject user) {
    String phone = user.getString("phone");
    // The profile is stored: without chat-service the co-members just miss this event (they see the
    // change at their next read), but the caller still gets the stored profile, not an error.
    Future<List<String>> coMembersOrNone = chat.coMembers(phone).otherwise(List.of());
    return Future.all(contacts.contactsOf(phone), coMembersOrNone)
        .map(
            both -> {
              Set<String> audience = new LinkedHashSet<>();
              audience.add(phone);
              List<JsonObject> contactList = both.resultAt(0);
              contactList.forEach(contact -> audience.add(contact.getString("peer")));
              List<String> coMembers = both.resultAt(1);
              audience.addAll(coMembers);
              String frame = ClientEvents.USER_UPDATED.frame(new UserUpdatedPayload(Wire.of(user)));
              return user(user).then(() -> Events.publish(vertx, audience, frame));
            });
  }

  Future<Answer<UserList>> search(BusCall call, Phone asked) {
    return limits
        .hit(
            "rl:search:" + call.caller(),
            SEARCHES_PER_MINUTE,
            60,
            "Too many searches; try again later")
        .compose(ok -> users.findAccount(asked.phone()))
        .map(
            account ->
                Answer.of(
                    new UserList(
                        account == null
                            ? List.of()
                            : List.of(Wire.of(UserStore.publicUser(account))))));
  }

  Future<Answer<Wire<User>>> get(BusCall call, Phone asked) {
    return limits
        .hit(
            "rl:lookup:" + call.caller(),
            quotas.profileLookupsPerMinute(),
            60,
            "Too many profile lookups; try again later")
        .compose(ok -> users.find(asked.phone()))
        .map(ProfileHandlers::user);
  }

  /** Internal: each phone's profile as the caller sees it (a contact where they are contacts). */
  Future<Answer<Profiles>> profiles(BusCall call, Phones asked) {
    List<String> wanted = Validation.batch(asked.phones(), "phones", 1000);
    // The caller's contact documents for just these phones (primary-key lookups): what this costs
    // follows the list asked about, not how many contacts the caller has.
    return Future.all(
            users.publicUsers(wanted),
            contacts.among(call.caller(), wanted).compose(views::contacts))
        .map(
            both -> {
              JsonObject profiles = new JsonObject();
              Map<String, JsonObject> found = both.resultAt(0);
              found.forEach(profiles::put);
              List<JsonObject> asContacts = both.resultAt(1);
              asContacts.forEach(contact -> profiles.put(contact.getString("phone"), contact));
              return Answer.of(new Profiles(profiles));
            });
  }
}
