package chat.weiliao.chat;

import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ChatApi.ConversationList;
import chat.weiliao.common.bus.ChatApi.ConversationPage;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.ContractObjects.Conversation;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A member's conversation list, one page at a time (contract 5.1): at most {@link
 * ChatApi#MAX_CONVERSATION_PAGE} summaries, each group's a summary with its first {@link
 * GroupViews#SUMMARY_MEMBERS} members, so what one page costs (profiles looked up, bytes sent) is
 * bounded whatever the account's size.
 */
final class ConversationLists {
  private final ConversationStore conversations;
  private final UserApi users;
  private final MessageStore messages;

  ConversationLists(ConversationStore conversations, UserApi users, MessageStore messages) {
    this.messages = messages;
    this.conversations = conversations;
    this.users = users;
  }

  /** What a list request asks for: where to continue (null: the first page) and how many. */
  private record PageRequest(String caller, ListCursor before, int limit) {
    static PageRequest of(String caller, ConversationPage page) {
      return new PageRequest(
          caller, page.before() == null ? null : ListCursor.decode(page.before()), page.limit());
    }
  }

  /** A page's documents: one more is read than is sent, to know whether more follow. */
  private record Page(PageRequest request, List<JsonObject> found) {
    boolean hasMore() {
      return found.size() > request.limit();
    }

    List<JsonObject> shown() {
      return found.subList(0, Math.min(found.size(), request.limit()));
    }
  }

  Future<Answer<ConversationList>> list(BusCall call, ConversationPage page) {
    PageRequest request = PageRequest.of(call.caller(), page);
    return pinnedPart(request)
        .compose(pinned -> withUnpinned(request, pinned))
        .map(found -> new Page(request, found))
        .compose(this::withRecalledQuotes)
        .compose(this::summarize);
  }

  /**
   * The caller's pinned conversations lead the list (contract 5.2), unless the cursor is past them.
   */
  private Future<List<JsonObject>> pinnedPart(PageRequest request) {
    ListCursor before = request.before();
    if (before != null && !before.pinned()) {
      return Future.succeededFuture(List.of());
    }
    return conversations.pinnedOf(request.caller(), before, request.limit() + 1);
  }

  /** Fills the page with the other conversations, from the top or from the cursor among them. */
  private Future<List<JsonObject>> withUnpinned(PageRequest request, List<JsonObject> pinned) {
    int wanted = request.limit() + 1 - pinned.size();
    if (wanted <= 0) {
      return Future.succeededFuture(pinned);
    }
    ListCursor before = request.before();
    ListCursor after = before == null || before.pinned() ? null : before;
    return conversations
        .unpinnedOf(request.caller(), after, wanted)
        .map(
            unpinned -> {
              List<JsonObject> found = new ArrayList<>(pinned);
              found.addAll(unpinned);
              return found;
            });
  }

  /** A last message that quotes one recalled since shows the quote as recalled (contract 5.2). */
  private Future<Page> withRecalledQuotes(Page page) {
    return messages.markRecalledQuotes(lastMessages(page.shown())).map(page);
  }

  private static List<JsonObject> lastMessages(List<JsonObject> conversations) {
    return conversations.stream()
        .map(conversation -> conversation.getJsonObject("lastMessage"))
        .toList();
  }

  /** One conversation as {@code caller} sees it in a list, for {@code conversation.updated}. */
  Future<JsonObject> one(JsonObject conversation, String caller) {
    List<JsonObject> shown = List.of(conversation);
    return messages
        .markRecalledQuotes(lastMessages(shown))
        .compose(marked -> users.profiles(caller, peopleShown(shown, caller)))
        .map(profiles -> summary(conversation, caller, profiles));
  }

  private Future<Answer<ConversationList>> summarize(Page page) {
    String caller = page.request().caller();
    List<JsonObject> shown = page.shown();
    return users
        .profiles(caller, peopleShown(shown, caller))
        .map(
            profiles -> {
              List<Wire<Conversation>> summaries = new ArrayList<>(shown.size());
              shown.forEach(
                  conversation -> summaries.add(Wire.of(summary(conversation, caller, profiles))));
              String next =
                  page.hasMore()
                      ? ListCursor.after(shown.get(shown.size() - 1), caller).encode()
                      : null;
              return Answer.of(new ConversationList(summaries, page.hasMore(), next));
            });
  }

  /** Whose profiles the summaries show: each direct peer and each group's first members. */
  private static Set<String> peopleShown(List<JsonObject> shown, String caller) {
    Set<String> people = new LinkedHashSet<>();
    for (JsonObject conversation : shown) {
      if (isDirect(conversation)) {
        people.add(peerOf(conversation, caller));
      } else {
        people.addAll(GroupViews.firstMembers(conversation));
      }
    }
    return people;
  }

  /** The contract's conversation object as {@code caller} sees it, with a group summary. */
  static JsonObject summary(JsonObject conversation, String caller, JsonObject profiles) {
    long lastSeq = conversation.getLong("lastSeq", 0L);
    long readSeq = Math.min(lastSeq, ConversationStore.readSeq(conversation, caller));
    boolean direct = isDirect(conversation);
    JsonObject summary =
        new JsonObject()
            .put("id", conversation.getString("_id"))
            .put("type", conversation.getString("type"))
            .put("peer", direct ? profiles.getJsonObject(peerOf(conversation, caller)) : null)
            .put("group", direct ? null : GroupViews.summary(conversation, profiles))
            .put("lastMessage", Messages.preview(conversation.getJsonObject("lastMessage")))
            .put("lastSeq", lastSeq)
            .put("readSeq", readSeq)
            .put("unread", lastSeq - readSeq)
            .put("mentionedSeq", ConversationStore.mentionedSeq(conversation, caller))
            .put("pinned", ConversationStore.isPinned(conversation, caller))
            .put("muted", ConversationStore.isMuted(conversation, caller))
            .put("updatedAt", conversation.getLong("updatedAt"));
    if (direct) {
      summary.put("peerReadSeq", peerReadSeq(conversation, caller, lastSeq));
    }
    return summary;
  }

  /**
   * How far the other member of a direct conversation has read (contract 5.2), so a client shows 已读
   * after a reload; {@code message.read} events keep it current afterwards.
   */
  static long peerReadSeq(JsonObject conversation, String caller, long lastSeq) {
    return Math.min(lastSeq, ConversationStore.readSeq(conversation, peerOf(conversation, caller)));
  }

  private static boolean isDirect(JsonObject conversation) {
    return "direct".equals(conversation.getString("type"));
  }

  private static String peerOf(JsonObject conversation, String caller) {
    for (Object member : conversation.getJsonArray("members")) {
      if (!member.equals(caller)) {
        return (String) member;
      }
    }
    return caller;
  }
}
