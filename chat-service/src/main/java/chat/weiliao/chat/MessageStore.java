package chat.weiliao.chat;

import chat.weiliao.common.store.MongoErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code messages}: one document per message. A unique index on (conversationId, seq) is what
 * allocates seqs: a message takes seq n only by being inserted with it, so no counter can run ahead
 * of the data and a crash between any two steps leaves no gap. A unique index on (from,
 * clientMsgId) makes sending idempotent.
 */
final class MessageStore {
  static final String MESSAGES = "messages";
  private final MongoClient mongo;

  MessageStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return mongo
        .createIndexWithOptions(
            MESSAGES,
            new JsonObject().put("conversationId", 1).put("seq", 1),
            new IndexOptions().unique(true).name("conversation_seq_unique"))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    MESSAGES,
                    new JsonObject().put("from", 1).put("clientMsgId", 1),
                    new IndexOptions().unique(true).name("sender_client_id_unique")));
  }

  /** The message sent earlier by this sender with this clientMsgId, or null. */
  Future<JsonObject> bySender(String from, String clientMsgId) {
    return mongo.findOne(
        MESSAGES, new JsonObject().put("from", from).put("clientMsgId", clientMsgId), null);
  }

  /**
   * Inserts the documents in order, as one command. Returns how many were stored: all of them, or
   * those before the first that hit a unique index (a seq another instance took, or a repeated
   * clientMsgId); nothing after that one is inserted, so a conversation's seqs never skip.
   */
  Future<Integer> insertInOrder(List<JsonObject> documents) {
    List<BulkOperation> inserts = documents.stream().map(BulkOperation::createInsert).toList();
    return mongo
        .bulkWriteWithOptions(MESSAGES, inserts, new BulkWriteOptions(true))
        .map(documents.size())
        .recover(
            failure -> {
              int stoppedAt = MongoErrors.duplicateKeyAt(failure);
              return stoppedAt >= 0
                  ? Future.succeededFuture(stoppedAt)
                  : Future.failedFuture(failure);
            });
  }

  /** The highest stored seq of a conversation, 0 if none. */
  Future<Long> lastSeq(String conversationId) {
    return mongo
        .findWithOptions(
            MESSAGES,
            new JsonObject().put("conversationId", conversationId),
            new FindOptions()
                .setSort(new JsonObject().put("seq", -1))
                .setLimit(1)
                .setFields(new JsonObject().put("seq", 1)))
        .map(found -> found.isEmpty() ? 0L : found.get(0).getLong("seq"));
  }

  Future<JsonObject> find(String messageId) {
    return mongo.findOne(MESSAGES, new JsonObject().put("_id", messageId), null);
  }

  /** Which of these message ids name recalled messages (one query, by _id). */
  Future<Set<String>> recalledAmong(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonObject query =
        new JsonObject()
            .put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(ids))))
            .put("recalled", true);
    return mongo
        .findWithOptions(
            MESSAGES, query, new FindOptions().setFields(new JsonObject().put("_id", 1)))
        .map(
            found ->
                found.stream()
                    .map(document -> document.getString("_id"))
                    .collect(Collectors.toSet()));
  }

  /**
   * Marks, in place, the quotes among {@code holders} (messages, or their {@code lastMessage}
   * copies) whose original has been recalled since the reply was sent: the quote is a snapshot, the
   * recall is read now (contract 1.1 §5.2: every later read shows it).
   */
  Future<Void> markRecalledQuotes(List<JsonObject> holders) {
    List<JsonObject> quotes =
        holders.stream()
            .filter(Objects::nonNull)
            .map(holder -> holder.getJsonObject("replyTo"))
            .filter(Objects::nonNull)
            .toList();
    return recalledAmong(
            quotes.stream().map(quote -> quote.getString("id")).collect(Collectors.toSet()))
        .map(
            recalled -> {
              quotes.stream()
                  .filter(quote -> recalled.contains(quote.getString("id")))
                  .forEach(Messages::markQuoteRecalled);
              return null;
            });
  }

  /** Marks the message recalled and drops its content; false if it already was. */
  Future<Boolean> recall(String messageId) {
    return mongo
        .updateCollectionWithOptions(
            MESSAGES,
            new JsonObject().put("_id", messageId).put("recalled", false),
            new JsonObject().put("$set", new JsonObject().put("recalled", true).putNull("content")),
            new UpdateOptions())
        .map(result -> result != null && result.getDocModified() > 0);
  }

  /**
   * A page of history in ascending seq: after and/or before bound it (exclusive); with neither, the
   * newest page. Fetches one extra message to tell whether more exist in that direction.
   */
  Future<List<JsonObject>> page(
      String conversationId, Long after, Long before, int limit, boolean newestFirst) {
    JsonObject seq = new JsonObject();
    if (after != null) {
      seq.put("$gt", after);
    }
    if (before != null) {
      seq.put("$lt", before);
    }
    JsonObject query = new JsonObject().put("conversationId", conversationId);
    if (!seq.isEmpty()) {
      query.put("seq", seq);
    }
    return mongo.findWithOptions(
        MESSAGES,
        query,
        new FindOptions()
            .setSort(new JsonObject().put("seq", newestFirst ? -1 : 1))
            .setLimit(limit + 1));
  }
}
