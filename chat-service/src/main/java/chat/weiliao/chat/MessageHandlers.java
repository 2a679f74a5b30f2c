package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ChatApi.CallRecord;
import chat.weiliao.common.bus.ChatApi.MessageRef;
import chat.weiliao.common.bus.ChatApi.SendRequest;
import chat.weiliao.common.bus.ChatApi.SentMessage;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.contract.ContractJson;
import chat.weiliao.common.contract.EventPayloads.MessageNewPayload;
import chat.weiliao.common.contract.EventPayloads.MessageRecalledPayload;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Sending and recalling messages: store, then ack, then publish. */
final class MessageHandlers {
  static final long RECALL_WINDOW_MS = 120_000;
  private final ConversationStore conversations;
  private final MessageStore messages;
  private final MessageWriter writer;
  private final Fanout fanout;
  private final SendLimit clientSends;
  private final MediaStore media;
  private final PushRequests pushes;

  MessageHandlers(
      ConversationStore conversations,
      MessageStore messages,
      MessageWriter writer,
      Fanout fanout,
      SendLimit clientSends,
      MediaStore media,
      PushRequests pushes) {
    this.media = media;
    this.pushes = pushes;
    this.conversations = conversations;
    this.messages = messages;
    this.writer = writer;
    this.fanout = fanout;
    this.clientSends = clientSends;
  }

  Future<Answer<SentMessage>> send(BusCall call, SendRequest request) {
    String from = call.caller();
    JsonObject draft =
        Messages.draft(
            request.conversationId(),
            from,
            request.kind().name(),
            request.content().json(),
            request.clientMsgId());
    Mentions mentions = Mentions.of(request);
    return clientSends.run(
        () ->
            mediaChecked(draft)
                .compose(checked -> quoting(checked, request.replyTo()))
                .compose(quoted -> mentioning(quoted, mentions))
                .compose(ready -> append(ready, call.connection(), false)));
  }

  /**
   * Mentions name members of the group; only its owner may mention everyone (contract 1.1 §5.2).
   */
  private Future<JsonObject> mentioning(JsonObject draft, Mentions mentions) {
    if (mentions.none()) {
      return Future.succeededFuture(draft);
    }
    String from = draft.getString("from");
    return conversations
        .forMember(draft.getString("conversationId"), from)
        .map(group -> mentions.checkedAgainst(group, from).addTo(draft));
  }

  /**
   * A reply keeps a snapshot of the message it quotes, which must be in the same conversation
   * (contract 1.1 §5.2); an unknown id or another conversation's is INVALID_ARGUMENT.
   */
  private Future<JsonObject> quoting(JsonObject draft, String replyTo) {
    if (replyTo == null) {
      return Future.succeededFuture(draft);
    }
    return messages
        .find(replyTo)
        .map(
            original -> {
              if (original == null
                  || !draft
                      .getString("conversationId")
                      .equals(original.getString("conversationId"))) {
                throw ApiException.invalid("replyTo must be a message of the same conversation");
              }
              return draft.put("replyTo", Messages.quoteOf(original));
            });
  }

  /** A voice message's url must hold audio (an upload of another type, or none, is refused). */
  private Future<JsonObject> mediaChecked(JsonObject draft) {
    if (!"voice".equals(draft.getString("kind"))) {
      return Future.succeededFuture(draft);
    }
    return media
        .isAudio(draft.getJsonObject("content").getString("url"))
        .map(
            audio -> {
              if (!audio) {
                throw ApiException.invalid("a voice message's url must be an audio upload");
              }
              return draft;
            });
  }

  /**
   * Stores a draft as its conversation's next message and replies with it; a repeat of a
   * clientMsgId replies with the first message and publishes nothing.
   */
  Future<Answer<SentMessage>> append(JsonObject draft, String connection, boolean byServer) {
    return writer.append(draft, byServer).map(appended -> sent(appended, draft, connection));
  }

  private Answer<SentMessage> sent(
      MessageWriter.Appended appended, JsonObject draft, String connection) {
    Answer<SentMessage> answer = Answer.of(new SentMessage(Wire.of(appended.message())));
    return appended.repeated()
        ? answer
        : answer.then(
            () -> {
              fanout.toMembers(
                  appended.members(),
                  ClientEvents.MESSAGE_NEW,
                  new MessageNewPayload(Wire.of(appended.message())),
                  draft.getString("from"),
                  connection);
              pushes.afterStored(appended);
            });
  }

  /**
   * From signaling-service: the one {@code call} message of a finished call, keyed by its callId.
   */
  Future<Answer<Empty>> callRecord(BusCall call, CallRecord record) {
    JsonObject content = ContractJson.encode(record.content());
    JsonObject draft =
        Messages.draft(
            ChatApi.directId(record.caller(), record.callee()),
            record.caller(),
            "call",
            content,
            Messages.SERVER_ID_PREFIX + "call:" + record.content().callId());
    return append(draft, null, true).map(MessageHandlers::emptied);
  }

  /** The answer to an action that stores a message but does not show it: its publishing only. */
  static Answer<Empty> emptied(Answer<SentMessage> sent) {
    return Answer.empty().then(sent.afterReply());
  }

  Future<Answer<Empty>> recall(BusCall call, MessageRef ref) {
    String caller = call.caller();
    String messageId = ref.messageId();
    return messages
        .find(messageId)
        .compose(message -> recalling(caller, messageId, message))
        .compose(this::markRecalled);
  }

  /** A recall being made: who asks, the message, and its conversation as the caller may see it. */
  private record Recalling(
      String caller, String messageId, JsonObject message, JsonObject conversation) {
    /** Only the sender, only a message a client wrote, only within the recall window. */
    Recalling allowed() {
      if (!caller.equals(message.getString("from"))
          || !Messages.CLIENT_KINDS.contains(message.getString("kind"))) {
        throw ApiException.forbidden(
            "Only the sender may recall a message, and only one they wrote");
      }
      if (System.currentTimeMillis() - message.getLong("createdAt") > RECALL_WINDOW_MS) {
        throw ApiException.forbidden("Messages can be recalled within 120 seconds of sending");
      }
      return this;
    }
  }

  private Future<Recalling> recalling(String caller, String messageId, JsonObject message) {
    if (message == null) {
      throw ApiException.notFound("No such message");
    }
    return conversations
        .forMember(message.getString("conversationId"), caller)
        .map(conversation -> new Recalling(caller, messageId, message, conversation).allowed());
  }

  /**
   * Marks it recalled, and the conversation's summary if it is the last; announces a change once.
   */
  private Future<Answer<Empty>> markRecalled(Recalling recalling) {
    String conversationId = recalling.conversation().getString("_id");
    return messages
        .recall(recalling.messageId())
        .compose(
            changed ->
                conversations.markLastRecalled(conversationId, recalling.messageId()).map(changed))
        .map(
            changed ->
                changed ? Answer.empty().then(() -> announceRecall(recalling)) : Answer.empty());
  }

  private void announceRecall(Recalling recalling) {
    MessageRecalledPayload payload =
        new MessageRecalledPayload(
            recalling.conversation().getString("_id"),
            recalling.messageId(),
            recalling.message().getLong("seq"));
    fanout.toMembers(
        recalling.conversation().getJsonArray("members"),
        ClientEvents.MESSAGE_RECALLED,
        payload,
        null,
        null);
  }
}
