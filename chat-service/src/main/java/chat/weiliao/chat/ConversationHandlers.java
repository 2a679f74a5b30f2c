package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ChatApi.CloseDirect;
import chat.weiliao.common.bus.ChatApi.ConversationRef;
import chat.weiliao.common.bus.ChatApi.HistoryRequest;
import chat.weiliao.common.bus.ChatApi.MessagePage;
import chat.weiliao.common.bus.ChatApi.OpenDirect;
import chat.weiliao.common.bus.ChatApi.ReadRequest;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.contract.ContractObjects.Message;
import chat.weiliao.common.contract.EventPayloads.MessageReadPayload;
import chat.weiliao.common.contract.EventPayloads.TypingPayload;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** History, read state, typing, and opening or closing direct chats. */
final class ConversationHandlers {
  private static final long TYPING_INTERVAL_MS = 1000;

  /**
   * A history answer stays far below the gateway's slow-consumer bound (WEILIAO_WS_MAX_BUFFER, 1
   * MiB by default), so the server never drops a client for the size of a page it chose to send.
   */
  static final int HISTORY_PAGE_BYTES = 256 * 1024;

  private final ConversationStore conversations;
  private final MessageStore messages;
  private final MessageHandlers sender;
  private final Fanout fanout;
  private final Map<String, Long> lastTyping = new HashMap<>();

  ConversationHandlers(
      ConversationStore conversations,
      MessageStore messages,
      MessageHandlers sender,
      Fanout fanout) {
    this.conversations = conversations;
    this.messages = messages;
    this.sender = sender;
    this.fanout = fanout;
  }

  Future<Answer<MessagePage>> history(BusCall call, HistoryRequest request) {
    String caller = call.caller();
    String id = request.conversationId();
    Long after = request.after();
    Long before = request.before();
    int limit = request.limit();
    boolean newestFirst = after == null;
    return conversations
        .forMember(id, caller)
        .compose(conversation -> messages.page(id, after, before, limit, newestFirst))
        .compose(found -> messages.markRecalledQuotes(found).map(found))
        .map(found -> boundedPage(found, limit, newestFirst));
  }

  /**
   * Up to {@code limit} of the found messages (nearest first), stopping before the one that would
   * take the page past {@link #HISTORY_PAGE_BYTES}: then {@code hasMore} is true and the client
   * pages on from the last one it got. A page always holds at least one message.
   */
  private static Answer<MessagePage> boundedPage(
      List<JsonObject> found, int limit, boolean newestFirst) {
    List<Wire<Message>> page = new ArrayList<>();
    int bytes = 0;
    for (JsonObject document : found.subList(0, Math.min(limit, found.size()))) {
      JsonObject message = Messages.toJson(document);
      bytes += message.toBuffer().length();
      if (!page.isEmpty() && bytes > HISTORY_PAGE_BYTES) {
        break;
      }
      page.add(Wire.of(message));
    }
    boolean hasMore = found.size() > page.size();
    if (newestFirst) {
      java.util.Collections.reverse(page);
    }
    return Answer.of(new MessagePage(page, hasMore));
  }

  Future<Answer<Empty>> read(BusCall call, ReadRequest request) {
    String reader = call.caller();
    String id = request.conversationId();
    long seq = request.seq();
    return conversations
        .forMember(id, reader)
        .compose(
            conversation -> {
              long effective = Math.min(seq, conversation.getLong("lastSeq", 0L));
              return conversations
                  .raiseRead(id, reader, effective)
                  .map(
                      before -> {
                        if (effective <= before) {
                          return Answer.empty();
                        }
                        MessageReadPayload payload = new MessageReadPayload(id, reader, effective);
                        return Answer.empty()
                            .then(
                                () ->
                                    fanout.toMembers(
                                        conversation.getJsonArray("members"),
                                        ClientEvents.MESSAGE_READ,
                                        payload,
                                        reader,
                                        call.connection()));
                      });
            });
  }

  Future<Answer<Empty>> typing(BusCall call, ConversationRef ref) {
    String from = call.caller();
    String id = ref.conversationId();
    return conversations
        .forSender(id, from)
        .map(
            conversation -> {
              long now = System.currentTimeMillis();
              String key = from + "|" + id;
              Long last = lastTyping.get(key);
              if (last != null && now - last < TYPING_INTERVAL_MS) {
                return Answer.empty();
              }
              if (lastTyping.size() > 100_000) {
                lastTyping.clear();
              }
              lastTyping.put(key, now);
              return Answer.empty()
                  .then(
                      () ->
                          fanout.toOthers(
                              conversation.getJsonArray("members"),
                              ClientEvents.TYPING,
                              new TypingPayload(id, from),
                              from));
            });
  }

  Future<Answer<Empty>> openDirect(BusCall call, OpenDirect pair) {
    String id = ChatApi.directId(pair.a(), pair.b());
    JsonObject content =
        new JsonObject()
            .put("text", "You are now contacts. Say hello!")
            .put("event", ClientEvents.CONTACT_ADDED.type());
    JsonObject draft =
        Messages.draft(
            id,
            Messages.SYSTEM,
            "system",
            content,
            Messages.SERVER_ID_PREFIX + "contact:" + pair.occasion());
    return conversations
        .openDirect(id, pair.a(), pair.b(), pair.epoch())
        .compose(
            opened ->
                opened
                    ? sender.append(draft, null, true).map(MessageHandlers::emptied)
                    : Future.failedFuture(
                        ApiException.conflict("This request was already used; send a new one")));
  }

  Future<Answer<Empty>> closeDirect(BusCall call, CloseDirect pair) {
    return conversations
        .closeDirect(ChatApi.directId(pair.a(), pair.b()), pair.a(), pair.b(), pair.epoch())
        .map(closed -> Answer.empty());
  }
}
