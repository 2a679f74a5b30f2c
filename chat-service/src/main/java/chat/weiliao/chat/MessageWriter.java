package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores messages in batches, so that a message costs a share of three store commands instead of
 * three of its own. Drafts queue here; while one batch is in the store the next one gathers, and it
 * goes as soon as the store answers (no timer: a lone message goes at once). A batch is one read of
 * its conversations, one ordered insert of all its messages with consecutive seqs per conversation
 * in arrival order, and one summary update per conversation sent as one bulk write.
 *
 * <p>One batch at a time per instance keeps each conversation's seqs in arrival order; the unique
 * index on (conversationId, seq) still settles races with other instances: the insert stops at a
 * taken seq and what was behind it goes again with the seq learned from the messages. Seqs are
 * allocated only by inserting them, so a crash between any two steps leaves no gap. Event-loop
 * confined.
 */
final class MessageWriter {
  /** Drafts in one batch at most (about 150 KB of insert for text messages). */
  static final int MAX_BATCH = 500;

  /** A draft that finds its seq taken this many times in a row fails UNAVAILABLE. */
  private static final int MAX_SEQ_CONFLICTS = 50;

  /**
   * A stored message (the contract's object), its conversation as the batch read it (members,
   * mutedBy, type, group), and whether an earlier send stored it.
   */
  record Appended(JsonObject conversation, JsonObject message, boolean repeated) {
    JsonArray members() {
      return conversation.getJsonArray("members");
    }
  }

  private final Vertx vertx;
  private final ConversationStore conversations;
  private final MessageStore messages;

  /** How long the store may take over a batch before it is given up (see {@link #giveUp}). */
  private final long batchTimeoutMillis;

  private final Deque<MessageBatch.Pending> queue = new ArrayDeque<>();

  /**
   * Last seqs read from the messages after a conflict, for conversations whose summary lags (a
   * crash).
   */
  private final Map<String, Long> learnedLastSeq = new HashMap<>();

  private boolean writing;

  MessageWriter(
      Vertx vertx,
      ConversationStore conversations,
      MessageStore messages,
      long batchTimeoutMillis) {
    this.vertx = vertx;
    this.conversations = conversations;
    this.messages = messages;
    this.batchTimeoutMillis = batchTimeoutMillis;
  }

  /**
   * Stores the draft as its conversation's next message; a repeated clientMsgId answers with the
   * first.
   */
  Future<Appended> append(JsonObject draft, boolean byServer) {
    MessageBatch.Pending pending = new MessageBatch.Pending(draft, byServer);
    queue.add(pending);
    writeNextBatch();
    return pending.result.future();
  }

  private void writeNextBatch() {
    if (writing || queue.isEmpty()) {
      return;
    }
    writing = true;
    List<MessageBatch.Pending> drafts = new ArrayList<>();
    while (drafts.size() < MAX_BATCH && !queue.isEmpty()) {
      drafts.add(queue.poll());
    }
    MessageBatch batch = new MessageBatch(drafts);
    long timer = vertx.setTimer(batchTimeoutMillis, late -> giveUp(batch));
    write(batch)
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              if (!batch.givenUp()) {
                finish(batch);
              }
            });
  }

  /**
   * What the insert left over goes first into the next batch, in order; then the next batch goes.
   */
  private void finish(MessageBatch batch) {
    List<MessageBatch.Pending> leftOver = batch.leftOver();
    for (int i = leftOver.size() - 1; i >= 0; i--) {
      queue.addFirst(leftOver.get(i));
    }
    writing = false;
    writeNextBatch();
  }

  /**
   * The store has not answered a batch in time (a connection that hangs, a failover): its senders
   * are told to send again, and the batches behind it go, instead of every later message of this
   * instance waiting on one stuck command. Whatever the stuck batch stores later is found by those
   * retries through their clientMsgIds; its answers then go nowhere.
   */
  private void giveUp(MessageBatch batch) {
    batch.giveUp(
        ApiException.unavailable("The message store is slow to answer; send again shortly"));
    writing = false;
    writeNextBatch();
  }

  private Future<Void> write(MessageBatch batch) {
    return conversations
        .forWriting(batch.conversationIds())
        .map(found -> batch.admit(found, learnedLastSeq))
        .compose(this::insert)
        .compose(this::recordSummaries)
        .onSuccess(MessageBatch::answer)
        .onFailure(batch::failUnanswered)
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private Future<MessageBatch> insert(MessageBatch batch) {
    List<JsonObject> documents = batch.documents();
    if (documents.isEmpty()) {
      return Future.succeededFuture(batch);
    }
    return messages
        .insertInOrder(documents)
        .compose(
            stored -> {
              MessageBatch.Pending stopper = batch.storedUpTo(stored);
              return stopper == null
                  ? Future.succeededFuture(batch)
                  : settleStopper(batch, stopper, stored);
            });
  }

  /**
   * The draft the insert stopped at hit a unique index: either its clientMsgId was stored before
   * (it is answered with that message) or another instance took its seq (it goes again, after the
   * seq now last). Everything behind it goes into the next batch.
   */
  private Future<MessageBatch> settleStopper(
      MessageBatch batch, MessageBatch.Pending stopper, int index) {
    JsonObject draft = stopper.draft;
    return messages
        .bySender(draft.getString("from"), draft.getString("clientMsgId"))
        .compose(
            earlier -> {
              if (earlier != null) {
                batch.repeatedAt(earlier);
                return Future.succeededFuture(batch);
              }
              if (++stopper.seqConflicts >= MAX_SEQ_CONFLICTS) {
                stopper.result.tryFail(
                    ApiException.unavailable("The conversation is too busy; send again shortly"));
                batch.leaveOverFrom(index + 1);
                return Future.succeededFuture(batch);
              }
              batch.leaveOverFrom(index);
              return messages
                  .lastSeq(stopper.conversationId())
                  .map(
                      last -> {
                        if (learnedLastSeq.size() > 10_000) {
                          learnedLastSeq.clear();
                        }
                        learnedLastSeq.put(stopper.conversationId(), last);
                        return batch;
                      });
            });
  }

  /**
   * Stored and repeated messages become their conversations' summaries (a repeat heals one a crash
   * left behind).
   */
  private Future<MessageBatch> recordSummaries(MessageBatch batch) {
    var byConversation = batch.settledByConversation();
    return byConversation.isEmpty()
        ? Future.succeededFuture(batch)
        : conversations.recordMessages(byConversation).map(batch);
  }
}
