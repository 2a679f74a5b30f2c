package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatGroups.GroupCreated;
import chat.weiliao.common.bus.ChatGroups.GroupRef;
import chat.weiliao.common.bus.ChatGroups.GroupUpdate;
import chat.weiliao.common.bus.ChatGroups.MemberRef;
import chat.weiliao.common.bus.ChatGroups.NewGroup;
import chat.weiliao.common.bus.ChatGroups.NewMembers;
import chat.weiliao.common.bus.ChatRules;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.ContractObjects.Group;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Groups: a group is a conversation with more members, so messages, seq, history, read and recall
 * are the direct-chat paths unchanged. Every change leaves a system message in the group and sends
 * {@code group.updated} to every member, including one who was just removed.
 */
final class GroupHandlers {
  /** Tries at a removal that concurrent changes to the group keep overtaking. */
  private static final int REMOVE_ATTEMPTS = 5;

  private final ConversationStore conversations;
  private final GroupStore groups;
  private final GroupChanges changes;
  private final UserApi users;
  private final GroupQuotas quotas;

  GroupHandlers(
      ConversationStore conversations,
      GroupStore groups,
      MessageHandlers sender,
      Fanout fanout,
      UserApi users,
      GroupQuotas quotas) {
    this.conversations = conversations;
    this.groups = groups;
    this.changes = new GroupChanges(conversations, sender, fanout, users);
    this.users = users;
    this.quotas = quotas;
  }

  /** Internal: everyone who shares a group with the caller (user.updated goes to them too). */
  Future<Answer<Phones>> coMembers(BusCall call, Empty nothing) {
    String phone = call.caller();
    return conversations
        .groupsOf(phone)
        .map(
            groups -> {
              Set<String> phones = new java.util.TreeSet<>();
              groups.forEach(
                  group ->
                      group
                          .getJsonArray("members", new JsonArray())
                          .forEach(m -> phones.add((String) m)));
              phones.remove(phone);
              return Answer.of(new Phones(List.copyOf(phones)));
            });
  }

  Future<Answer<GroupCreated>> create(BusCall call, NewGroup asked) {
    String owner = call.caller();
    String name = asked.name();
    List<String> invitees = asked.members().stream().filter(phone -> !phone.equals(owner)).toList();
    return quotas
        .allowCreation(owner)
        .compose(ok -> requireContacts(owner, invitees))
        .compose(ok -> groups.create(Ids.newGroupId(), name, owner, asked.members()))
        .compose(
            created ->
                changes.written(
                    created.getString("_id"),
                    owner,
                    "group.created",
                    actor -> actor + " created the group \u201c" + name + "\u201d",
                    List.of()))
        .map(change -> Answer.of(createdView(change, owner)).then(change.publish()));
  }

  private static GroupCreated createdView(GroupChanges.Change change, String owner) {
    return new GroupCreated(
        Wire.of(change.group()),
        Wire.of(ConversationLists.summary(change.conversation(), owner, change.profiles())));
  }

  Future<Answer<Wire<Group>>> get(BusCall call, GroupRef ref) {
    return view(call.caller(), ref.conversationId()).map(Answer::of);
  }

  /** The whole group as a member sees it (FORBIDDEN for anyone else). */
  private Future<Wire<Group>> view(String caller, String id) {
    return conversations
        .forMember(id, caller)
        .compose(
            conversation ->
                users
                    .profiles(caller, GroupViews.members(conversation))
                    .map(profiles -> Wire.of(GroupViews.group(conversation, profiles))));
  }

  Future<Answer<Wire<Group>>> update(BusCall call, GroupUpdate asked) {
    String caller = call.caller();
    String id = asked.conversationId();
    JsonObject fields = new JsonObject();
    if (asked.name() != null) {
      fields.put("name", asked.name());
    }
    if (asked.notice() != null) {
      fields.put("notice", asked.notice());
    }
    String event = fields.containsKey("name") ? "group.renamed" : "group.notice";
    return conversations
        .forMember(id, caller)
        .compose(conversation -> groups.set(id, fields))
        .compose(
            done ->
                changes.written(
                    id,
                    caller,
                    event,
                    actor ->
                        fields.containsKey("name")
                            ? actor
                                + " renamed the group to \u201c"
                                + fields.getString("name")
                                + "\u201d"
                            : actor + " updated the group notice",
                    List.of()))
        .map(GroupHandlers::groupAnswer);
  }

  private static Answer<Wire<Group>> groupAnswer(GroupChanges.Change change) {
    return Answer.of(Wire.<Group>of(change.group())).then(change.publish());
  }

  Future<Answer<Wire<Group>>> addMembers(BusCall call, NewMembers asked) {
    String inviter = call.caller();
    String id = asked.conversationId();
    return conversations
        .forMember(id, inviter)
        .compose(
            conversation -> {
              JsonArray current = conversation.getJsonArray("members");
              List<String> joining =
                  asked.phones().stream()
                      .filter(phone -> !current.contains(phone))
                      .distinct()
                      .toList();
              if (current.size() + joining.size() > ChatRules.MAX_MEMBERS) {
                throw ApiException.invalid("A group has at most 500 members");
              }
              if (joining.isEmpty()) {
                return view(inviter, id).map(Answer::of);
              }
              return requireContacts(inviter, joining)
                  .compose(ok -> groups.add(id, joining))
                  .compose(
                      done ->
                          changes.written(
                              id,
                              inviter,
                              "group.member-added",
                              actor -> actor + " invited " + String.join(", ", joining),
                              List.of()))
                  .map(GroupHandlers::groupAnswer);
            });
  }

  Future<Answer<Empty>> removeMember(BusCall call, MemberRef asked) {
    String caller = call.caller();
    String id = asked.conversationId();
    String phone = asked.phone();
    boolean leaving = phone.equals(caller);
    return removeAsRead(id, caller, phone, REMOVE_ATTEMPTS)
        .compose(
            done ->
                changes.written(
                    id,
                    caller,
                    leaving ? "group.member-left" : "group.member-removed",
                    actor -> leaving ? actor + " left the group" : actor + " removed " + phone,
                    List.of(phone)))
        .map(change -> Answer.empty().then(change.publish()));
  }

  /**
   * Reads the group, checks the removal is allowed and removes the member with a write that holds
   * only if the group is still as read; a concurrent change (another leave, an ownership handover)
   * makes it match nothing, and the removal is decided again on the group as it now is.
   */
  private Future<Void> removeAsRead(String id, String caller, String phone, int attemptsLeft) {
    return conversations
        .forMember(id, caller)
        .compose(
            conversation -> {
              String owner = conversation.getJsonObject("group").getString("owner");
              if (!phone.equals(caller) && !caller.equals(owner)) {
                throw ApiException.forbidden("Only the owner may remove members");
              }
              if (!conversation.getJsonArray("members").contains(phone)) {
                throw ApiException.notFound("No such member");
              }
              String newOwner =
                  phone.equals(owner) ? GroupViews.longestStanding(conversation, phone) : null;
              return groups.remove(id, phone, owner, newOwner);
            })
        .compose(
            removed -> {
              if (removed) {
                return Future.succeededFuture();
              }
              return attemptsLeft > 1
                  ? removeAsRead(id, caller, phone, attemptsLeft - 1)
                  : Future.failedFuture(
                      ApiException.unavailable("The group kept changing; try again"));
            });
  }

  private Future<Void> requireContacts(String inviter, List<String> invitees) {
    return users
        .contactsAmong(inviter, invitees)
        .map(
            contacts -> {
              if (!contacts.containsAll(invitees)) {
                throw ApiException.forbidden("Every member must be your contact");
              }
              return null;
            });
  }
}
