package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
  public static final String OPEN_DIRECT = "direct.open";
  /** Internal, from user-service: two users stopped being contacts. */
  public static final String CLOSE_DIRECT = "direct.close";
  /** Internal, from signaling-service: writes a call record into a direct conversation. */
  public static final String CALL_RECORD = "call.record";
  /** Internal, from user-service: everyone who shares a group with a user (for user.updated). */
  public static final String CO_MEMBERS = "groups.co-members";
  /** WebSocket frame types that chat-service answers; the frame type is the action. */
  public static final Set<String> FRAME_TYPES = Set.of(SEND, RECALL, READ, HISTORY, TYPING);

  public ChatApi(Vertx vertx, Config config) {
    super(vertx, Addresses.CHAT_SERVICE, config.busTimeoutMillis());
  }

  /**
   * The first page of the caller's conversation summaries, newest first, as
   * {@code {conversations, hasMore, next?}} (next only when hasMore).
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
    return ask(OPEN_DIRECT, BusCall.of(new JsonObject().put("a", a).put("b", b).put("occasion", occasion)
        .put("epoch", epoch))).mapEmpty();
  }

  /** The phones of everyone who is in a group with {@code phone}, {@code phone} left out. */
  public Future<JsonArray> coMembers(String phone) {
    return ask(CO_MEMBERS, BusCall.of(new JsonObject()).caller(phone)).map(body -> body.getJsonArray("phones"));
  }

  /** Closes the direct conversation of two former contacts for every open of an earlier epoch. */
  public Future<Void> closeDirect(String a, String b, long epoch) {
    return ask(CLOSE_DIRECT, BusCall.of(new JsonObject().put("a", a).put("b", b).put("epoch", epoch))).mapEmpty();
  }

  /** The id of the direct conversation of two phones: {@code d_<lo>_<hi>}. */
  /**
   * Writes the one call record of a finished call into the callers' direct conversation
   * (idempotent per callId) and delivers it like any message.
   */
  public Future<Void> callRecord(String caller, String callee, JsonObject content) {
    return ask(CALL_RECORD, BusCall.of(new JsonObject().put("caller", caller).put("callee", callee)
        .put("content", content))).mapEmpty();
  }

  /**
   * The stored content type of the media at one of our urls ({@code /api/media/<id>}), or null
   * when there is no such media (moments check that their images are images).
   */
  public Future<String> mediaType(String url) {
    return ask(MEDIA_INFO, BusCall.of(new JsonObject()).param("id", url.substring(url.lastIndexOf('/') + 1)))
        .map(info -> info.getString("contentType"))
        .recover(failure -> failure instanceof ApiException api && api.code() == ErrorCode.NOT_FOUND
            ? Future.succeededFuture(null) : Future.failedFuture(failure));
  }

  public static String directId(String a, String b) {
    return a.compareTo(b) < 0 ? "d_" + a + "_" + b : "d_" + b + "_" + a;
  }
}
