package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.ChatRules;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conversations}: one document per conversation holding what its list entry needs in one
 * read: members, the last seq and message, each member's read seq (a map keyed by phone), and for
 * direct ones whether the two are still contacts ({@code open}).
 */
final class ConversationStore {
  static final String CONVERSATIONS = "conversations";

  /** The order of conversation lists: newest first, ties broken by id so the order is total. */
  private static final JsonObject LIST_ORDER = new JsonObject().put("updatedAt", -1).put("_id", -1);

  /**
   * The members who pinned the conversation, and who muted it (contract 5.2): per-user settings.
   */
  static final String PINNED_BY = "pinnedBy";

  static final String MUTED_BY = "mutedBy";
  private final MongoClient mongo;

  ConversationStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * A member's list, newest first, is one range scan of this index: the member, then the list's
   * total order (updatedAt, then _id). It replaces {@code by_member_recent} (members, updatedAt),
   * which a deployment may drop once this one is built.
   */
  Future<Void> createIndexes() {
    return mongo
        .createIndexWithOptions(
            CONVERSATIONS,
            new JsonObject().put("members", 1).mergeIn(LIST_ORDER),
            new IndexOptions().name("by_member_list_order"))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    CONVERSATIONS,
                    new JsonObject().put(PINNED_BY, 1).mergeIn(LIST_ORDER),
                    new IndexOptions().name("by_pinner_list_order")));
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(CONVERSATIONS, new JsonObject().put("_id", id), null);
  }

  /** The conversation if the phone may use it; FORBIDDEN or NOT_FOUND otherwise. */
  Future<JsonObject> forMember(String id, String phone) {
    return find(id).map(conversation -> requireMember(id, phone, conversation));
  }

  /** Like {@link #forMember} and, for direct conversations, the two must still be contacts. */
  Future<JsonObject> forSender(String id, String phone) {
    return find(id).map(conversation -> requireSender(id, phone, conversation));
  }

  static JsonObject requireMember(String id, String phone, JsonObject conversation) {
    if (conversation == null) {
      if (ChatRules.isDirect(id)) {
        throw ApiException.forbidden("You can only message your contacts");
      }
      throw ApiException.notFound("No such conversation");
    }
    if (!conversation.getJsonArray("members", new JsonArray()).contains(phone)) {
      throw ApiException.forbidden("You are not a member of this conversation");
    }
    return conversation;
  }

  static JsonObject requireSender(String id, String phone, JsonObject conversation) {
    requireMember(id, phone, conversation);
    if (ChatRules.isDirect(id) && !conversation.getBoolean("open", false)) {
      throw ApiException.forbidden("You can only message your contacts");
    }
    return conversation;
  }

  /**
   * What sending needs of each of these conversations (members, open, lastSeq, and for pushes
   * mutedBy and the group's name), by id; missing ones absent.
   */
  Future<Map<String, JsonObject>> forWriting(Collection<String> ids) {
    return mongo
        .findWithOptions(
            CONVERSATIONS,
            new JsonObject()
                .put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(ids)))),
            new FindOptions()
                .setFields(
                    new JsonObject()
                        .put("members", 1)
                        .put("open", 1)
                        .put("lastSeq", 1)
                        // for the push decision after the ack: who muted it, and a group's name
                        .put(MUTED_BY, 1)
                        .put("type", 1)
                        .put("group.name", 1)))
        .map(
            found -> {
              Map<String, JsonObject> byId = new HashMap<>();
              found.forEach(conversation -> byId.put(conversation.getString("_id"), conversation));
              return byId;
            });
  }

  /**
   * Up to {@code limit} of the conversations the member pinned, in list order, after {@code after}
   * when given: one range scan of the pinners' index, which holds few entries per member.
   */
  Future<List<JsonObject>> pinnedOf(String phone, ListCursor after, int limit) {
    return listPart(new JsonObject().put(PINNED_BY, phone).put("members", phone), after, limit);
  }

  /**
   * Up to {@code limit} of the member's other conversations in list order, after {@code after} when
   * given.
   */
  Future<List<JsonObject>> unpinnedOf(String phone, ListCursor after, int limit) {
    return listPart(
        new JsonObject().put("members", phone).put(PINNED_BY, new JsonObject().put("$ne", phone)),
        after,
        limit);
  }

  private Future<List<JsonObject>> listPart(JsonObject query, ListCursor after, int limit) {
    if (after != null) {
      query.put(
          "$or",
          new JsonArray()
              .add(
                  new JsonObject().put("updatedAt", new JsonObject().put("$lt", after.updatedAt())))
              .add(
                  new JsonObject()
                      .put("updatedAt", after.updatedAt())
                      .put("_id", new JsonObject().put("$lt", after.id()))));
    }
    return mongo.findWithOptions(
        CONVERSATIONS, query, new FindOptions().setSort(LIST_ORDER).setLimit(limit));
  }

  /** How many conversations the member has pinned (to hold them to a bound). */
  Future<Long> pinnedCount(String phone) {
    return mongo.count(CONVERSATIONS, new JsonObject().put(PINNED_BY, phone).put("members", phone));
  }

  /**
   * Sets the member's own pinned and muted flags (either may be null: left as it is) and returns
   * the conversation as it is afterwards; null if it no longer has them as a member.
   */
  Future<JsonObject> updateSettings(String id, String phone, Boolean pinned, Boolean muted) {
    JsonObject add = new JsonObject();
    JsonObject remove = new JsonObject();
    if (pinned != null) {
      (pinned ? add : remove).put(PINNED_BY, phone);
    }
    if (muted != null) {
      (muted ? add : remove).put(MUTED_BY, phone);
    }
    JsonObject update = new JsonObject();
    if (!add.isEmpty()) {
      update.put("$addToSet", add);
    }
    if (!remove.isEmpty()) {
      update.put("$pull", remove);
    }
    JsonObject ofMember = new JsonObject().put("_id", id).put("members", phone);
    if (update.isEmpty()) {
      return mongo.findOne(CONVERSATIONS, ofMember, null);
    }
    return mongo.findOneAndUpdateWithOptions(
        CONVERSATIONS,
        ofMember,
        update,
        new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  static boolean isPinned(JsonObject conversation, String phone) {
    return conversation.getJsonArray(PINNED_BY, new JsonArray()).contains(phone);
  }

  static boolean isMuted(JsonObject conversation, String phone) {
    return conversation.getJsonArray(MUTED_BY, new JsonArray()).contains(phone);
  }

  /** The member lists of every group the phone is in (one scan of the member index). */
  Future<List<JsonObject>> groupsOf(String phone) {
    return mongo.findWithOptions(
        CONVERSATIONS,
        new JsonObject().put("members", phone).put("type", "group"),
        new FindOptions().setFields(new JsonObject().put("members", 1)));
  }

  /**
   * Creates the direct conversation of two phones if needed and opens it, unless a close of a later
   * contact epoch is recorded ({@code closedEpoch}); false then. The condition and the write are
   * one update: a stale open that meets the closed document finds no match, and its upsert fails on
   * the _id.
   */
  Future<Boolean> openDirect(String id, String a, String b, long epoch) {
    JsonObject notClosedLater =
        new JsonObject()
            .put("_id", id)
            .put("closedEpoch", new JsonObject().put("$not", new JsonObject().put("$gt", epoch)));
    return mongo
        .updateCollectionWithOptions(
            CONVERSATIONS,
            notClosedLater,
            directDocument(a, b).put("$set", new JsonObject().put("open", true)),
            new UpdateOptions().setUpsert(true))
        .map(true)
        .recover(
            failure ->
                MongoErrors.isDuplicateKey(failure)
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(failure));
  }

  /**
   * Closes the direct conversation (creating it closed if an accept has not yet opened it) as of
   * {@code epoch}.
   */
  Future<Void> closeDirect(String id, String a, String b, long epoch) {
    return mongo
        .updateCollectionWithOptions(
            CONVERSATIONS,
            new JsonObject().put("_id", id),
            directDocument(a, b)
                .put("$set", new JsonObject().put("open", false))
                .put("$max", new JsonObject().put("closedEpoch", epoch)),
            new UpdateOptions().setUpsert(true))
        .mapEmpty();
  }

  /** The fields a new direct conversation starts with, as an update's {@code $setOnInsert}. */
  private static JsonObject directDocument(String a, String b) {
    long now = System.currentTimeMillis();
    JsonArray members =
        a.compareTo(b) < 0 ? new JsonArray().add(a).add(b) : new JsonArray().add(b).add(a);
    return new JsonObject()
        .put(
            "$setOnInsert",
            new JsonObject()
                .put("type", "direct")
                .put("members", members)
                .put("lastSeq", 0)
                .putNull("lastMessage")
                .put("readSeq", new JsonObject())
                .put("createdAt", now)
                .put("updatedAt", now));
  }

  /**
   * Records a stored message as the newest unless a newer one is already recorded, and raises the
   * sender's read seq to it: one update by _id. Every field only ever grows ({@code $max}), so two
   * chat-services recording a conversation's messages out of order still leave the newest. The
   * summary is compared as a BSON document, field by field in order, so it begins with seq (the
   * newer message wins) and then recalled (a recalled summary is never replaced by a retry of the
   * same message).
   */
  Future<Void> recordMessage(JsonObject message) {
    return recordMessages(List.of(List.of(message)));
  }

  /**
   * {@link #recordMessage} for the messages of a batch: one update per conversation (its newest
   * message, each sender's highest seq), all sent as one unordered bulk write.
   */
  Future<Void> recordMessages(Collection<List<JsonObject>> byConversation) {
    List<BulkOperation> updates = new ArrayList<>();
    for (List<JsonObject> messages : byConversation) {
      updates.add(
          BulkOperation.createUpdate(
              new JsonObject().put("_id", messages.get(0).getString("conversationId")),
              newest(messages)));
    }
    return mongo
        .bulkWriteWithOptions(CONVERSATIONS, updates, new BulkWriteOptions(false))
        .mapEmpty();
  }

  private static JsonObject newest(List<JsonObject> messagesOfOneConversation) {
    JsonObject last = messagesOfOneConversation.get(0);
    JsonObject newest = new JsonObject();
    long newestAt = 0;
    for (JsonObject message : messagesOfOneConversation) {
      long seq = message.getLong("seq");
      if (seq > last.getLong("seq")) {
        last = message;
      }
      newestAt = Math.max(newestAt, message.getLong("createdAt"));
      String from = message.getString("from");
      if (!Messages.SYSTEM.equals(from)) {
        newest.put("readSeq." + from, Math.max(seq, newest.getLong("readSeq." + from, 0L)));
      }
      raiseMentions(newest, message, seq);
    }
    JsonObject summary =
        new JsonObject()
            .put("seq", last.getLong("seq"))
            .put("recalled", last.getBoolean("recalled", false));
    last.forEach(field -> summary.put(field.getKey(), field.getValue()));
    newest
        .put("lastSeq", last.getLong("seq"))
        .put("lastMessage", summary)
        .put("updatedAt", newestAt);
    return new JsonObject().put("$max", newest);
  }

  /** The seqs that mentioned each member, and everyone, for the viewers' mentionedSeq. */
  private static void raiseMentions(JsonObject newest, JsonObject message, long seq) {
    JsonArray mentioned = message.getJsonArray("mentions");
    if (mentioned != null) {
      mentioned.forEach(
          phone ->
              newest.put(
                  "mentionedSeq." + phone,
                  Math.max(seq, newest.getLong("mentionedSeq." + phone, 0L))));
    }
    if (message.getBoolean("mentionAll", false)) {
      newest.put("mentionedAllSeq", Math.max(seq, newest.getLong("mentionedAllSeq", 0L)));
    }
  }

  /** The highest seq that mentioned the phone, or everyone (0 when none). */
  static long mentionedSeq(JsonObject conversation, String phone) {
    return Math.max(
        conversation.getJsonObject("mentionedSeq", new JsonObject()).getLong(phone, 0L),
        conversation.getLong("mentionedAllSeq", 0L));
  }

  /** Raises the phone's read seq; returns the value it had before. */
  Future<Long> raiseRead(String id, String phone, long seq) {
    return mongo
        .findOneAndUpdateWithOptions(
            CONVERSATIONS,
            new JsonObject().put("_id", id),
            new JsonObject().put("$max", new JsonObject().put("readSeq." + phone, seq)),
            new FindOptions().setFields(new JsonObject().put("readSeq", 1)),
            new UpdateOptions())
        .map(before -> before == null ? 0L : readSeq(before, phone));
  }

  Future<Void> markLastRecalled(String id, String messageId) {
    return mongo
        .updateCollection(
            CONVERSATIONS,
            new JsonObject().put("_id", id).put("lastMessage.id", messageId),
            new JsonObject()
                .put(
                    "$set",
                    new JsonObject()
                        .put("lastMessage.recalled", true)
                        .putNull("lastMessage.content")))
        .mapEmpty();
  }

  static long readSeq(JsonObject conversation, String phone) {
    JsonObject reads = conversation.getJsonObject("readSeq", new JsonObject());
    Number value = (Number) reads.getValue(phone);
    return value == null ? 0 : value.longValue();
  }
}
