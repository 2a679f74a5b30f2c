package chat.weiliao.chat;

import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.bus.UserApi.StoredMessage;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * After a message is stored and acked, tells user-service (a bus send, never awaited) which members
 * it may push (contract 1.1 §5.4): everyone but the sender who has not muted the conversation.
 * user-service then leaves out those with an open connection. So a push can never delay, fail or
 * reorder a send. System notices and call records push nothing: a call to an offline user is pushed
 * as its invite (signaling-service), and a notice is not someone writing.
 */
final class PushRequests {
  private final UserApi users;

  PushRequests(UserApi users) {
    this.users = users;
  }

  void afterStored(MessageWriter.Appended appended) {
    JsonObject message = appended.message();
    String from = message.getString("from");
    if (!Messages.CLIENT_KINDS.contains(message.getString("kind"))
        || Messages.SYSTEM.equals(from)) {
      return;
    }
    JsonObject conversation = appended.conversation();
    List<String> recipients = new ArrayList<>();
    for (Object member : appended.members()) {
      if (!member.equals(from) && !ConversationStore.isMuted(conversation, (String) member)) {
        recipients.add((String) member);
      }
    }
    if (recipients.isEmpty()) {
      return;
    }
    JsonObject group = conversation.getJsonObject("group");
    String groupName =
        "group".equals(conversation.getString("type")) && group != null
            ? group.getString("name")
            : null;
    users.pushMessage(
        new StoredMessage(
            message.getString("conversationId"),
            message.getLong("seq"),
            from,
            message.getString("kind"),
            message.getJsonObject("content"),
            groupName,
            recipients));
  }
}
