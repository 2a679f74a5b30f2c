package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Sending and recalling messages: store, then ack, then publish. */
final class MessageHandlers {
  static final long RECALL_WINDOW_MS = 120_000;
  private final ConversationStore conversations;
  private final MessageStore messages;
  private final Lanes lanes;
  private final Fanout fanout;
  private final SendLimit clientSends;

  MessageHandlers(ConversationStore conversations, MessageStore messages, Lanes lanes, Fanout fanout,
      SendLimit clientSends) {
    this.conversations = conversations;
    this.messages = messages;
    this.lanes = lanes;
    this.fanout = fanout;
    this.clientSends = clientSends;
  }

  Future<?> send(BusCall call) {
    String from = call.caller();
    JsonObject payload = call.body();
    String conversationId = payload.getValue("conversationId") != null
        ? Ids.conversationId(payload.getValue("conversationId"))
        : ChatApi.directId(from, Validation.phone(payload, "to"));
    String clientMsgId = Validation.string(payload, "clientMsgId", 1, 64);
    if (clientMsgId.startsWith(Messages.SERVER_ID_PREFIX)) {
      throw ApiException.invalid("clientMsgId may not start with " + Messages.SERVER_ID_PREFIX);
    }
    String kind = Validation.string(payload, "kind", 1, 16);
    JsonObject content = ContentRules.clientContent(kind, Validation.object(payload, "content"));
    JsonObject draft = Messages.draft(conversationId, from, kind, content, clientMsgId);
    return clientSends.run(() -> append(draft, call.connection(), false));
  }

  /**
   * Appends a draft to its conversation (in the conversation's lane) and replies with the stored
   * message; a repeat of a clientMsgId replies with the first and publishes nothing.
   */
  Future<Reply> append(JsonObject draft, String connection, boolean byServer) {
    String conversationId = draft.getString("conversationId");
    String from = draft.getString("from");
    return lanes.run(conversationId, () -> senderView(conversationId, from, byServer).compose(conversation ->
        messages.append(draft, conversation.getLong("lastSeq", 0L) + 1).compose(appended ->
            appended.repeated() ? repeated(appended.message())
                : stored(conversation, appended.message(), connection))));
  }

  private Future<Reply> stored(JsonObject conversation, JsonObject document, String connection) {
    JsonObject message = Messages.toJson(document);
    JsonObject payload = new JsonObject().put("message", message);
    return conversations.recordMessage(message).map(done -> Reply.of(payload).then(() ->
        fanout.toMembers(conversation.getJsonArray("members"), "message.new", payload,
            message.getString("from"), connection)));
  }

  /** The ack of the first send; also heals a summary a crash may have left behind it. */
  private Future<Reply> repeated(JsonObject document) {
    JsonObject message = Messages.toJson(document);
    return conversations.recordMessage(message).map(done -> Reply.of(new JsonObject().put("message", message)));
  }

  /** Server-written messages (system notices, call records) skip the sender's permission check. */
  private Future<JsonObject> senderView(String conversationId, String from, boolean byServer) {
    return byServer ? conversations.find(conversationId).map(conversation -> {
      if (conversation == null) {
        throw ApiException.notFound("No such conversation");
      }
      return conversation;
    }) : conversations.forSender(conversationId, from);
  }

  /** From signaling-service: the one {@code call} message of a finished call, keyed by its callId. */
  Future<?> callRecord(BusCall call) {
    JsonObject body = call.body();
    String caller = body.getString("caller");
    JsonObject content = body.getJsonObject("content");
    JsonObject draft = Messages.draft(ChatApi.directId(caller, body.getString("callee")), caller, "call", content,
        Messages.SERVER_ID_PREFIX + "call:" + content.getString("callId"));
    return append(draft, null, true);
  }

  Future<?> recall(BusCall call) {
    String caller = call.caller();
    String messageId = Ids.messageId(call.body().getValue("messageId"));
    return messages.find(messageId).compose(message -> {
      if (message == null) {
        throw ApiException.notFound("No such message");
      }
      return conversations.forMember(message.getString("conversationId"), caller).compose(conversation -> {
        if (!caller.equals(message.getString("from")) || !Messages.CLIENT_KINDS.contains(message.getString("kind"))) {
          throw ApiException.forbidden("Only the sender may recall a message, and only one they wrote");
        }
        if (System.currentTimeMillis() - message.getLong("createdAt") > RECALL_WINDOW_MS) {
          throw ApiException.forbidden("Messages can be recalled within 120 seconds of sending");
        }
        return messages.recall(messageId)
            .compose(changed -> conversations.markLastRecalled(conversation.getString("_id"), messageId).map(changed))
            .map(changed -> {
              JsonObject payload = new JsonObject().put("conversationId", conversation.getString("_id"))
                  .put("messageId", messageId).put("seq", message.getLong("seq"));
              return changed ? Reply.empty().then(() -> fanout.toMembers(conversation.getJsonArray("members"),
                  "message.recalled", payload, null, null)) : Reply.empty();
            });
      });
    });
  }
}
