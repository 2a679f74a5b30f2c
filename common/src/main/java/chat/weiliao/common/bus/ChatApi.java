package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.contract.ContractObjects.CallContent;
import chat.weiliao.common.contract.ContractObjects.Conversation;
import chat.weiliao.common.contract.ContractObjects.Group;
import chat.weiliao.common.contract.ContractObjects.Message;
import chat.weiliao.common.contract.ContractObjects.MessageContent;
import chat.weiliao.common.contract.ContractObjects.MessageKind;
import chat.weiliao.common.contract.MayBeAbsent;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * chat-service's bus API: its actions with their request and reply records, the frame types it
 * serves, and typed calls. The client-facing requests (routes and frames) are read from the
 * client's payload and the route's parameters by each record's {@code read} (the rules in {@link
 * ChatRules}), which refuses a bad field with the contract's error before any handler runs; checks
 * that need the store (membership, existence) are chat-service's. Replies that are one contract
 * object (a message, a conversation, a group) are that object as the service built it ({@link
 * Wire}).
 */
public final class ChatApi extends ServiceClient {
  /** The caller's conversation summaries, a page at a time ({@code GET /api/conversations}). */
  public static final BusAction<ConversationPage, ConversationList> CONVERSATIONS =
      BusAction.fromClient("conversations.list", ConversationPage::read, ConversationList.class);

  /** Answers once MongoDB answers a ping: the gateway's "mongo" health check. */
  public static final BusAction<Empty, Empty> MONGO_HEALTH =
      BusAction.of("health.mongo", Empty.class, Empty.class);

  public static final BusAction<HistoryRequest, MessagePage> HISTORY =
      BusAction.fromClient("history", HistoryRequest::read, MessagePage.class);

  /** The caller's own pinned and muted flags of a conversation. */
  public static final BusAction<SettingsChange, Wire<Conversation>> UPDATE_CONVERSATION =
      BusAction.fromClient("conversations.update", SettingsChange::read, BusAction.wire());

  public static final BusAction<SendRequest, SentMessage> SEND =
      BusAction.fromClient("message.send", SendRequest::read, SentMessage.class);
  public static final BusAction<MessageRef, Empty> RECALL =
      BusAction.fromClient("message.recall", call -> MessageRef.read(call.body()), Empty.class);
  public static final BusAction<ReadRequest, Empty> READ =
      BusAction.fromClient("message.read", ReadRequest::read, Empty.class);
  public static final BusAction<ConversationRef, Empty> TYPING =
      BusAction.fromClient("typing", call -> ConversationRef.read(call.body()), Empty.class);

  public static final BusAction<ChatGroups.NewGroup, ChatGroups.GroupCreated> CREATE_GROUP =
      BusAction.fromClient(
          "groups.create", ChatGroups.NewGroup::read, ChatGroups.GroupCreated.class);
  public static final BusAction<ChatGroups.GroupRef, Wire<Group>> GET_GROUP =
      BusAction.fromClient("groups.get", ChatGroups.GroupRef::read, BusAction.wire());
  public static final BusAction<ChatGroups.GroupUpdate, Wire<Group>> UPDATE_GROUP =
      BusAction.fromClient("groups.update", ChatGroups.GroupUpdate::read, BusAction.wire());
  public static final BusAction<ChatGroups.NewMembers, Wire<Group>> ADD_MEMBERS =
      BusAction.fromClient("groups.add-members", ChatGroups.NewMembers::read, BusAction.wire());
  public static final BusAction<ChatGroups.MemberRef, Empty> REMOVE_MEMBER =
      BusAction.fromClient("groups.remove-member", ChatGroups.MemberRef::read, Empty.class);

  /**
   * Media upload and download, streamed by the gateway one chunk per request ({@link ChatMedia}):
   * the gateway writes these requests, so they are decoded, not read field by field.
   */
  public static final BusAction<Empty, ChatMedia.Slot> MEDIA_BEGIN =
      BusAction.of("media.begin", Empty.class, ChatMedia.Slot.class);

  public static final BusAction<ChatMedia.Chunk, Empty> MEDIA_CHUNK =
      BusAction.of("media.chunk", ChatMedia.Chunk.class, Empty.class);
  public static final BusAction<ChatMedia.Finish, ChatMedia.File> MEDIA_FINISH =
      BusAction.of("media.finish", ChatMedia.Finish.class, ChatMedia.File.class);
  public static final BusAction<ChatMedia.Ref, Empty> MEDIA_ABORT =
      BusAction.of("media.abort", ChatMedia.Ref.class, Empty.class);
  public static final BusAction<ChatMedia.Ref, ChatMedia.Info> MEDIA_INFO =
      BusAction.of("media.info", ChatMedia.Ref.class, ChatMedia.Info.class);
  public static final BusAction<ChatMedia.ChunkRef, ChatMedia.Data> MEDIA_READ =
      BusAction.of("media.read", ChatMedia.ChunkRef.class, ChatMedia.Data.class);

  /** Internal, from user-service: two users became contacts; opens their direct conversation. */
  public static final BusAction<OpenDirect, Empty> OPEN_DIRECT =
      BusAction.of("direct.open", OpenDirect.class, Empty.class);

  /** Internal, from user-service: two users stopped being contacts. */
  public static final BusAction<CloseDirect, Empty> CLOSE_DIRECT =
      BusAction.of("direct.close", CloseDirect.class, Empty.class);

  /** Internal, from signaling-service: writes a call record into a direct conversation. */
  public static final BusAction<CallRecord, Empty> CALL_RECORD =
      BusAction.of("call.record", CallRecord.class, Empty.class);

  /**
   * Internal, from user-service: everyone who shares a group with the caller (for user.updated).
   */
  public static final BusAction<Empty, Phones> CO_MEMBERS =
      BusAction.of("groups.co-members", Empty.class, Phones.class);

  /** WebSocket frame types that chat-service answers; the frame type is the action. */
  public static final Set<String> FRAME_TYPES =
      Set.of(SEND.name(), RECALL.name(), READ.name(), HISTORY.name(), TYPING.name());

  /**
   * Prefix of the clientMsgIds the server gives the messages it writes (call records, notices),
   * which makes each of them once-only; clients may not use it, so none can pre-empt a record.
   */
  public static final String SERVER_ID_PREFIX = "srv:";

  /** A conversation list's page size: its default and its bound. */
  public static final int MAX_CONVERSATION_PAGE = 200;

  public static final int MAX_HISTORY_PAGE = 100;
  public static final int DEFAULT_HISTORY_PAGE = 50;

  /** How many people one message may mention. */
  public static final int MAX_MENTIONS = 50;

  /**
   * Two new contacts, the occasion (a request id: one system message per occasion however often
   * this is retried) and the pair's contact epoch when it was sent.
   */
  public record OpenDirect(String a, String b, String occasion, long epoch) {}

  public record CloseDirect(String a, String b, long epoch) {}

  /** A finished call between {@code caller} and {@code callee}, and its record's content. */
  public record CallRecord(String caller, String callee, CallContent content) {}

  /**
   * A page of the caller's conversation list: {@code before} (the {@code next} of the page before,
   * opaque here; chat-service refuses one it did not give) and {@code limit} (1–200, default 200).
   */
  public record ConversationPage(@MayBeAbsent String before, int limit) {
    public static final ConversationPage FIRST = new ConversationPage(null, MAX_CONVERSATION_PAGE);

    static ConversationPage read(BusCall call) {
      Object before = ChatRules.value(call, "before");
      if (before != null && !(before instanceof String)) {
        throw ApiException.invalid("before must be a string");
      }
      Long limit = ChatRules.optionalLong(call, "limit", 1, MAX_CONVERSATION_PAGE);
      return new ConversationPage(
          (String) before, limit == null ? MAX_CONVERSATION_PAGE : limit.intValue());
    }
  }

  /** Conversation summaries, newest first; {@code next} only when {@code hasMore}. */
  public record ConversationList(
      List<Wire<Conversation>> conversations, boolean hasMore, @MayBeAbsent String next) {}

  /**
   * A page of a conversation's history: after a seq (oldest first), or before one or from the end
   * (newest first); {@code limit} 1–100, default 50.
   */
  public record HistoryRequest(
      String conversationId, @MayBeAbsent Long after, @MayBeAbsent Long before, int limit) {
    static HistoryRequest read(BusCall call) {
      String id = ChatRules.conversationId(ChatRules.value(call, "conversationId"));
      Long after = ChatRules.optionalLong(call, "after", 0, Long.MAX_VALUE);
      Long before = ChatRules.optionalLong(call, "before", 0, Long.MAX_VALUE);
      Long limit = ChatRules.optionalLong(call, "limit", 1, MAX_HISTORY_PAGE);
      return new HistoryRequest(
          id, after, before, limit == null ? DEFAULT_HISTORY_PAGE : limit.intValue());
    }
  }

  /** Messages in seq order; {@code hasMore} when the page stopped before the end. */
  public record MessagePage(List<Wire<Message>> messages, boolean hasMore) {}

  /** The caller's own flags of a conversation; an absent one stays as it is. */
  public record SettingsChange(
      String conversationId, @MayBeAbsent Boolean pinned, @MayBeAbsent Boolean muted) {
    static SettingsChange read(BusCall call) {
      return new SettingsChange(
          ChatRules.conversationId(ChatRules.value(call, "conversationId")),
          Validation.optionalBoolean(call.body(), "pinned"),
          Validation.optionalBoolean(call.body(), "muted"));
    }
  }

  /**
   * message.send: the conversation (given, or the direct one with {@code to}), the client's id for
   * the message, its kind and content as checked and copied by {@link ChatRules#clientContent}, the
   * message it replies to, and whom it mentions (a group's text messages only). The content is
   * carried as that copy, so the send path converts nothing.
   */
  public record SendRequest(
      String conversationId,
      String clientMsgId,
      MessageKind kind,
      Wire<MessageContent> content,
      @MayBeAbsent String replyTo,
      @MayBeAbsent List<String> mentions,
      boolean mentionAll) {
    static SendRequest read(BusCall call) {
      JsonObject payload = call.body();
      String conversationId =
          payload.getValue("conversationId") != null
              ? ChatRules.conversationId(payload.getValue("conversationId"))
              : directId(call.caller(), Validation.phone(payload, "to"));
      String clientMsgId = Validation.string(payload, "clientMsgId", 1, 64);
      if (clientMsgId.startsWith(SERVER_ID_PREFIX)) {
        throw ApiException.invalid("clientMsgId may not start with " + SERVER_ID_PREFIX);
      }
      String kind = Validation.string(payload, "kind", 1, 16);
      JsonObject content = ChatRules.clientContent(kind, Validation.object(payload, "content"));
      String replyTo =
          payload.getValue("replyTo") == null
              ? null
              : ChatRules.messageId(payload.getValue("replyTo"));
      Object listed = payload.getValue("mentions");
      boolean all = Boolean.TRUE.equals(Validation.optionalBoolean(payload, "mentionAll"));
      List<String> mentions =
          listed == null && !all ? null : mentioned(listed, kind, conversationId);
      return new SendRequest(
          conversationId,
          clientMsgId,
          MessageKind.valueOf(kind),
          Wire.of(content),
          replyTo,
          mentions,
          all);
    }

    /** 1 to {@link #MAX_MENTIONS} phones, in a group's text message; null for none listed. */
    private static List<String> mentioned(Object listed, String kind, String conversationId) {
      if (!"text".equals(kind) || ChatRules.isDirect(conversationId)) {
        throw ApiException.invalid("only text messages in a group may mention people");
      }
      if (listed == null) {
        return null;
      }
      if (!(listed instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_MENTIONS) {
        throw ApiException.invalid("mentions must hold 1 to " + MAX_MENTIONS + " phones");
      }
      Set<String> phones = new LinkedHashSet<>();
      for (Object phone : array) {
        if (!(phone instanceof String text) || !Validation.isPhone(text)) {
          throw ApiException.invalid("mentions must hold phone numbers");
        }
        phones.add(text);
      }
      return List.copyOf(phones);
    }
  }

  /** message.send's ack: the message as stored (the first one, for a repeated clientMsgId). */
  public record SentMessage(Wire<Message> message) {}

  /** message.recall: which message. */
  public record MessageRef(String messageId) {
    static MessageRef read(JsonObject body) {
      return new MessageRef(ChatRules.messageId(body.getValue("messageId")));
    }
  }

  /** message.read: the caller has read a conversation up to {@code seq}. */
  public record ReadRequest(String conversationId, long seq) {
    static ReadRequest read(BusCall call) {
      String id = ChatRules.conversationId(ChatRules.value(call, "conversationId"));
      Long seq = ChatRules.optionalLong(call, "seq", 0, Long.MAX_VALUE);
      if (seq == null) {
        throw ApiException.invalid("seq is required and must be a whole number");
      }
      return new ReadRequest(id, seq);
    }
  }

  /** typing: in which conversation. */
  public record ConversationRef(String conversationId) {
    static ConversationRef read(JsonObject body) {
      return new ConversationRef(ChatRules.conversationId(body.getValue("conversationId")));
    }
  }

  public ChatApi(Vertx vertx, Config config) {
    super(vertx, Addresses.CHAT_SERVICE, config.busTimeoutMillis());
  }

  /**
   * The first page of the caller's conversation summaries, newest first, as {@code {conversations,
   * hasMore, next?}} (next only when hasMore).
   */
  public Future<ConversationList> firstConversations(String phone) {
    return ask(CONVERSATIONS, BusCall.by(phone), ConversationPage.FIRST);
  }

  /**
   * Opens (or reopens) the direct conversation of two new contacts and leaves a system message
   * there, once per {@code occasion} however often this is retried. {@code epoch} is the pair's
   * contact epoch when the request was sent: CONFLICT, and nothing opens, if a close of a later
   * epoch has happened (a deletion the accept raced with).
   */
  public Future<Void> openDirect(String a, String b, String occasion, long epoch) {
    return ask(OPEN_DIRECT, BusCall.anonymous(), new OpenDirect(a, b, occasion, epoch)).mapEmpty();
  }

  /** The phones of everyone who is in a group with {@code phone}, {@code phone} left out. */
  public Future<List<String>> coMembers(String phone) {
    return ask(CO_MEMBERS, BusCall.by(phone), Empty.VALUE).map(Phones::phones);
  }

  /** Closes the direct conversation of two former contacts for every open of an earlier epoch. */
  public Future<Void> closeDirect(String a, String b, long epoch) {
    return ask(CLOSE_DIRECT, BusCall.anonymous(), new CloseDirect(a, b, epoch)).mapEmpty();
  }

  /**
   * Writes the one call record of a finished call into the callers' direct conversation (idempotent
   * per callId) and delivers it like any message.
   */
  public Future<Void> callRecord(String caller, String callee, CallContent content) {
    return ask(CALL_RECORD, BusCall.anonymous(), new CallRecord(caller, callee, content))
        .mapEmpty();
  }

  /**
   * The stored content type of the media at one of our urls ({@code /api/media/<id>}), or null when
   * there is no such media (moments check that their images are images).
   */
  public Future<String> mediaType(String url) {
    return ask(
            MEDIA_INFO,
            BusCall.anonymous(),
            new ChatMedia.Ref(url.substring(url.lastIndexOf('/') + 1)))
        .map(ChatMedia.Info::contentType)
        .recover(
            failure ->
                failure instanceof ApiException api && api.code() == ErrorCode.NOT_FOUND
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(failure));
  }

  /** The id of the direct conversation of two phones: {@code d_<lo>_<hi>}. */
  public static String directId(String a, String b) {
    return a.compareTo(b) < 0 ? "d_" + a + "_" + b : "d_" + b + "_" + a;
  }
}
