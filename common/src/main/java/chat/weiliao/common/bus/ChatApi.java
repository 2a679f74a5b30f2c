package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.contract.ContractObjects.CallContent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** chat-service's bus API: its actions, the frame types it serves, and typed calls. */
public final class ChatApi extends ServiceClient {
  public static final String CONVERSATIONS = "conversations.list";

  /** Answers once MongoDB answers a ping: the gateway's "mongo" health check. */
  public static final String MONGO_HEALTH = "health.mongo";

  public static final String HISTORY = "history";

  /** The caller's own pinned and muted flags of a conversation. */
  public static final String UPDATE_CONVERSATION = "conversations.update";

  public static final String SEND = "message.send";
  public static final String RECALL = "message.recall";
  public static final String READ = "message.read";
  public static final String TYPING = "typing";
  public static final String CREATE_GROUP = "groups.create";
  public static final String GET_GROUP = "groups.get";
  public static final String UPDATE_GROUP = "groups.update";
  public static final String ADD_MEMBERS = "groups.add-members";
  public static final String REMOVE_MEMBER = "groups.remove-member";

  /** Media upload and download, streamed by the gateway one chunk per request. */
  public static final String MEDIA_BEGIN = "media.begin";

  public static final String MEDIA_CHUNK = "media.chunk";
  public static final String MEDIA_FINISH = "media.finish";
  public static final String MEDIA_ABORT = "media.abort";
  public static final String MEDIA_INFO = "media.info";
  public static final String MEDIA_READ = "media.read";

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
  public static final Set<String> FRAME_TYPES = Set.of(SEND, RECALL, READ, HISTORY, TYPING);

  /**
   * Two new contacts, the occasion (a request id: one system message per occasion however often
   * this is retried) and the pair's contact epoch when it was sent.
   */
  public record OpenDirect(String a, String b, String occasion, long epoch) {}

  public record CloseDirect(String a, String b, long epoch) {}

  /** A finished call between {@code caller} and {@code callee}, and its record's content. */
  public record CallRecord(String caller, String callee, CallContent content) {}

  public ChatApi(Vertx vertx, Config config) {
    super(vertx, Addresses.CHAT_SERVICE, config.busTimeoutMillis());
  }

  /**
   * The first page of the caller's conversation summaries, newest first, as {@code {conversations,
   * hasMore, next?}} (next only when hasMore).
   */
  public Future<JsonObject> firstConversations(String phone) {
    return ask(CONVERSATIONS, BusCall.of(null).caller(phone));
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
            BusCall.of(new JsonObject()).param("id", url.substring(url.lastIndexOf('/') + 1)))
        .map(info -> info.getString("contentType"))
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
