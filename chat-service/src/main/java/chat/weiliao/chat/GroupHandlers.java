package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.Reply;
import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups: a group is a conversation with more members, so messages, seq, history, read and recall
 * are the direct-chat paths unchanged. Every change leaves a system message in the group and sends
 * {@code group.updated} to every member, including one who was just removed.
 */
final class GroupHandlers {
  static final int MIN_MEMBERS = 3;
  static final int MAX_MEMBERS = 500;

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

  Future<?> create(BusCall call) {
    String owner = call.caller();
    String name = name(call.body());
    Set<String> members = new LinkedHashSet<>();
    members.add(owner);
    members.addAll(phones(call.body(), "members"));
    if (members.size() < MIN_MEMBERS || members.size() > MAX_MEMBERS) {
      throw ApiException.invalid("A group has 3 to 500 members, you included");
    }
    List<String> invitees = members.stream().filter(phone -> !phone.equals(owner)).toList();
    return quotas
        .allowCreation(owner)
        .compose(ok -> requireContacts(owner, invitees))
        .compose(ok -> groups.create(Ids.newGroupId(), name, owner, members))
        .compose(
            created ->
                changes.written(
                    created.getString("_id"),
                    owner,
                    "group.created",
                    actor -> actor + " created the group \u201c" + name + "\u201d",
                    List.of()))
        .map(
            change ->
                Reply.of(
                        new JsonObject()
                            .put("group", change.group())
                            .put(
                                "conversation",
                                ConversationLists.summary(
                                    change.conversation(), owner, change.profiles())))
                    .then(change.publish()));
  }

  Future<?> get(BusCall call) {
    String caller = call.caller();
    return conversations
        .forMember(conversationId(call), caller)
        .compose(
            conversation ->
                users
                    .profiles(caller, GroupViews.members(conversation))
                    .map(profiles -> GroupViews.group(conversation, profiles)));
  }

  Future<?> update(BusCall call) {
    String caller = call.caller();
    String id = conversationId(call);
    JsonObject body = call.body();
    JsonObject fields = new JsonObject();
    if (body.getValue("name") != null) {
      fields.put("name", name(body));
    }
    String notice = Validation.optionalParagraphs(body, "notice", 0, 512);
    if (notice != null) {
      fields.put("notice", notice);
    }
    if (fields.isEmpty()) {
      throw ApiException.invalid("Give a name or a notice to change");
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
        .map(change -> Reply.of(change.group()).then(change.publish()));
  }

  Future<?> addMembers(BusCall call) {
    String inviter = call.caller();
    String id = conversationId(call);
    List<String> invited = phones(call.body(), "phones");
    return conversations
        .forMember(id, inviter)
        .compose(
            conversation -> {
              JsonArray current = conversation.getJsonArray("members");
              List<String> joining =
                  invited.stream().filter(phone -> !current.contains(phone)).distinct().toList();
              if (current.size() + joining.size() > MAX_MEMBERS) {
                throw ApiException.invalid("A group has at most 500 members");
              }
              if (joining.isEmpty()) {
                return get(call).map(group -> Reply.of((JsonObject) group));
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
                  .map(change -> Reply.of(change.group()).then(change.publish()));
            });
  }

  Future<?> removeMember(BusCall call) {
    String caller = call.caller();
    String id = conversationId(call);
    String phone = Validation.phoneParam(call.param("phone"), "phone");
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
        .map(change -> Reply.empty().then(change.publish()));
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

  private static String conversationId(BusCall call) {
    return "g_" + Ids.groupId(call.param("id"));
  }

  private static String name(JsonObject body) {
    String name = Validation.line(body, "name", 1, 32).strip();
    if (name.isEmpty()) {
      throw ApiException.invalid("name must not be blank");
    }
    return name;
  }

  private static List<String> phones(JsonObject body, String field) {
    JsonArray array = Validation.array(body, field, 1, MAX_MEMBERS);
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      phones.add(
          Validation.phone(
              new JsonObject().put(field + "[" + i + "]", array.getValue(i)),
              field + "[" + i + "]"));
    }
    return phones;
  }
}
