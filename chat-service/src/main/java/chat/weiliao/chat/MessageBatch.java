package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of {@link MessageWriter}: its drafts in arrival order and what became of each. A draft
 * is refused (not a member, no longer contacts), stored with the next seq of its conversation,
 * found stored already (a repeated clientMsgId), or left over for the next batch because an earlier
 * one in the insert stopped it.
 */
final class MessageBatch {
  /** A draft waiting to be stored, and the answer its sender waits for. */
  static final class Pending {
    final JsonObject draft;
    final boolean byServer;
    final Promise<MessageWriter.Appended> result = Promise.promise();

    /** How many batches this draft met a seq that another instance had taken. */
    int seqConflicts;

    private JsonObject conversation;
    private JsonObject document;

    /** The stored document as the contract's message object, once settled. */
    private JsonObject message;

    private boolean repeated;

    Pending(JsonObject draft, boolean byServer) {
      this.draft = draft;
      this.byServer = byServer;
    }

    String conversationId() {
      return draft.getString("conversationId");
    }
  }

  private final List<Pending> drafts;

  /** Admitted drafts in insert order; the first {@code settled} of them are stored or repeated. */
  private final List<Pending> admitted = new ArrayList<>();

  private final List<Pending> leftOver = new ArrayList<>();
  private int settled;
  private boolean givenUp;

  MessageBatch(List<Pending> drafts) {
    this.drafts = drafts;
  }

  Set<String> conversationIds() {
    Set<String> ids = new LinkedHashSet<>();
    drafts.forEach(pending -> ids.add(pending.conversationId()));
    return ids;
  }

  /**
   * Refuses the drafts their senders may not send (answering them now) and gives the others
   * consecutive seqs after each conversation's last: the summary's, or a later one learned from the
   * messages themselves after a conflict.
   */
  MessageBatch admit(Map<String, JsonObject> conversations, Map<String, Long> learnedLastSeq) {
    Map<String, Long> nextSeq = new LinkedHashMap<>();
    for (Pending pending : drafts) {
      String id = pending.conversationId();
      JsonObject conversation = conversations.get(id);
      try {
        if (pending.byServer) {
          if (conversation == null) {
            throw ApiException.notFound("No such conversation");
          }
        } else {
          ConversationStore.requireSender(id, pending.draft.getString("from"), conversation);
        }
      } catch (ApiException refused) {
        pending.result.tryFail(refused); // try: a batch given up already answered it
        continue;
      }
      long seq =
          nextSeq.computeIfAbsent(
              id,
              first ->
                  1
                      + Math.max(
                          conversation.getLong("lastSeq", 0L),
                          learnedLastSeq.getOrDefault(id, 0L)));
      nextSeq.put(id, seq + 1);
      pending.conversation = conversation;
      // The draft is the writer's alone: it becomes the document (a left-over draft gets a new id
      // and seq).
      pending.document = pending.draft.put("_id", Ids.newMessageId()).put("seq", seq);
      admitted.add(pending);
    }
    nextSeq.keySet().forEach(learnedLastSeq::remove);
    return this;
  }

  List<JsonObject> documents() {
    return admitted.stream().map(pending -> pending.document).toList();
  }

  /**
   * The first {@code count} admitted drafts are stored; the one after them, if any, stopped the
   * insert.
   */
  Pending storedUpTo(int count) {
    settled = count;
    return count < admitted.size() ? admitted.get(count) : null;
  }

  /**
   * The draft that stopped the insert had been stored by an earlier send: {@code earlier} answers
   * it.
   */
  void repeatedAt(JsonObject earlier) {
    Pending pending = admitted.get(settled);
    pending.document = earlier;
    pending.repeated = true;
    settled++;
    leaveOverFrom(settled);
  }

  /** Drafts from {@code index} on were not inserted; they go into the next batch, in order. */
  void leaveOverFrom(int index) {
    leftOver.addAll(admitted.subList(index, admitted.size()));
  }

  /**
   * Stored and repeated messages (the contract's objects), grouped by conversation, for the
   * summaries.
   */
  Collection<List<JsonObject>> settledByConversation() {
    Map<String, List<JsonObject>> byConversation = new LinkedHashMap<>();
    for (Pending pending : admitted.subList(0, settled)) {
      pending.message = Messages.toJson(pending.document);
      byConversation
          .computeIfAbsent(pending.conversationId(), id -> new ArrayList<>())
          .add(pending.message);
    }
    return byConversation.values();
  }

  /** Answers every stored and repeated draft. */
  void answer() {
    for (Pending pending : admitted.subList(0, settled)) {
      pending.result.tryComplete(
          new MessageWriter.Appended(pending.conversation, pending.message, pending.repeated));
    }
  }

  /** Fails every draft not answered yet and not left over: the store failed them. */
  void failUnanswered(Throwable failure) {
    for (Pending pending : drafts) {
      if (!leftOver.contains(pending)) {
        pending.result.tryFail(failure);
      }
    }
  }

  /** Fails every draft not answered yet, those left over included: the batch took too long. */
  void giveUp(Throwable failure) {
    givenUp = true;
    drafts.forEach(pending -> pending.result.tryFail(failure));
  }

  boolean givenUp() {
    return givenUp;
  }

  List<Pending> leftOver() {
    return leftOver;
  }
}
