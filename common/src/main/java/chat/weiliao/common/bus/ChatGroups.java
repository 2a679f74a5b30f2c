package chat.weiliao.common.bus;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.contract.ContractObjects.Conversation;
import chat.weiliao.common.contract.ContractObjects.Group;
import chat.weiliao.common.contract.MayBeAbsent;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests and replies of chat-service's group routes ({@link ChatApi#CREATE_GROUP} and the
 * rest), each request read from the route's body and parameters as {@link ChatApi}'s are. A group
 * is named by its conversation's id, {@code g_} and the route's group id.
 */
public final class ChatGroups {
  private ChatGroups() {}

  /** A new group's name and members: 3 to 500 phones, the caller (its owner) first. */
  public record NewGroup(String name, List<String> members) {
    static NewGroup read(BusCall call) {
      String owner = call.caller();
      String name = ChatRules.groupName(call.body());
      Set<String> members = new LinkedHashSet<>();
      members.add(owner);
      members.addAll(ChatRules.phones(call.body(), "members"));
      if (members.size() < ChatRules.MIN_MEMBERS || members.size() > ChatRules.MAX_MEMBERS) {
        throw ApiException.invalid("A group has 3 to 500 members, you included");
      }
      return new NewGroup(name, List.copyOf(members));
    }
  }

  /** groups.create's answer: the whole group and its conversation as the owner sees it. */
  public record GroupCreated(Wire<Group> group, Wire<Conversation> conversation) {}

  /** Which group: its conversation's id, from the route's group id (NOT_FOUND if none can be). */
  public record GroupRef(String conversationId) {
    static GroupRef read(BusCall call) {
      return new GroupRef(groupConversation(call));
    }
  }

  /** A new name (one line, 1–32 characters) or notice (up to 512), at least one of them. */
  public record GroupUpdate(
      String conversationId, @MayBeAbsent String name, @MayBeAbsent String notice) {
    static GroupUpdate read(BusCall call) {
      String id = groupConversation(call);
      JsonObject body = call.body();
      String name = body.getValue("name") == null ? null : ChatRules.groupName(body);
      String notice = Validation.optionalParagraphs(body, "notice", 0, 512);
      if (name == null && notice == null) {
        throw ApiException.invalid("Give a name or a notice to change");
      }
      return new GroupUpdate(id, name, notice);
    }
  }

  /** Whom to add to a group: 1 to 500 phones. */
  public record NewMembers(String conversationId, List<String> phones) {
    static NewMembers read(BusCall call) {
      String id = groupConversation(call);
      return new NewMembers(id, ChatRules.phones(call.body(), "phones"));
    }
  }

  /** Whom to remove from a group (the caller themselves: they leave). */
  public record MemberRef(String conversationId, String phone) {
    static MemberRef read(BusCall call) {
      String id = groupConversation(call);
      return new MemberRef(id, Validation.phoneParam(call.param("phone"), "phone"));
    }
  }

  private static String groupConversation(BusCall call) {
    return "g_" + ChatRules.groupId(call.param("id"));
  }
}
