package chat.weiliao.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Two collections. {@code contact_requests}: one document per (from, to) pair, unique on that pair,
 * so a repeated request replaces the pending one. While a request is pending it holds {@code
 * pendingPair} (the unordered pair, {@link ContactPairs#key}), unique among pending requests, so
 * two people who ask each other at the same moment cannot both leave one pending: the second write
 * fails and that request accepts the first instead. {@code contacts}: one document per direction
 * ({@code _id = owner:peer}) so each side keeps its own remark and a user's contact list is one
 * indexed query on owner.
 */
final class ContactStore {
  static final String REQUESTS = "contact_requests";
  static final String CONTACTS = "contacts";
  private static final SecureRandom random = new SecureRandom();
  private final MongoClient mongo;

  ContactStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return mongo
        .createIndexWithOptions(
            REQUESTS,
            new JsonObject().put("from", 1).put("to", 1),
            new IndexOptions().unique(true).name("pair_unique"))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    REQUESTS,
                    new JsonObject().put("pendingPair", 1),
                    new IndexOptions().unique(true).sparse(true).name("one_pending_per_pair")))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    REQUESTS,
                    new JsonObject().put("to", 1).put("createdAt", -1),
                    new IndexOptions().name("incoming")))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    CONTACTS,
                    new JsonObject().put("owner", 1),
                    new IndexOptions().name("by_owner")));
  }

  /**
   * Makes the pair's request pending with this greeting (new or replacing), sent in the pair's
   * {@code epoch}; returns it. Fails with a duplicate key while the other direction is pending.
   */
  Future<JsonObject> upsertPending(String from, String to, String greeting, long epoch) {
    long now = System.currentTimeMillis();
    JsonObject update =
        new JsonObject()
            .put(
                "$set",
                new JsonObject()
                    .put("status", "pending")
                    .put("greeting", greeting)
                    .put("createdAt", now)
                    .put("epoch", epoch)
                    .put("pendingPair", ContactPairs.key(from, to)))
            .put("$setOnInsert", new JsonObject().put("_id", newId()));
    return mongo.findOneAndUpdateWithOptions(
        REQUESTS,
        new JsonObject().put("from", from).put("to", to),
        update,
        new FindOptions(),
        new UpdateOptions().setUpsert(true).setReturningNewDocument(true));
  }

  Future<JsonObject> request(String id) {
    return mongo.findOne(REQUESTS, new JsonObject().put("_id", id), null);
  }

  Future<JsonObject> pendingBetween(String from, String to) {
    return mongo.findOne(
        REQUESTS, new JsonObject().put("from", from).put("to", to).put("status", "pending"), null);
  }

  /**
   * Moves a request from one status to another; the updated document, or null if it was not in that
   * status.
   */
  Future<JsonObject> transition(String id, String from, String to) {
    return mongo.findOneAndUpdateWithOptions(
        REQUESTS,
        new JsonObject().put("_id", id).put("status", from),
        settled(to),
        new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  /**
   * Declines whatever the two still have pending, in either direction (their contact was deleted).
   */
  Future<Void> endPending(String a, String b) {
    JsonArray both = new JsonArray().add(a).add(b);
    return mongo
        .updateCollectionWithOptions(
            REQUESTS,
            new JsonObject()
                .put("from", new JsonObject().put("$in", both))
                .put("to", new JsonObject().put("$in", both))
                .put("status", "pending"),
            settled("declined"),
            new UpdateOptions().setMulti(true))
        .mapEmpty();
  }

  private static JsonObject settled(String status) {
    return new JsonObject()
        .put("$set", new JsonObject().put("status", status))
        .put("$unset", new JsonObject().put("pendingPair", ""));
  }

  Future<List<JsonObject>> requestsWhere(String field, String phone) {
    return mongo.findWithOptions(
        REQUESTS,
        new JsonObject().put(field, phone),
        new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(200));
  }

  /** Writes both directions of a contact (idempotent). */
  Future<Void> link(String a, String b) {
    long now = System.currentTimeMillis();
    return Future.all(upsertContact(a, b, now), upsertContact(b, a, now)).mapEmpty();
  }

  private Future<?> upsertContact(String owner, String peer, long now) {
    return mongo.updateCollectionWithOptions(
        CONTACTS,
        new JsonObject().put("_id", owner + ":" + peer),
        new JsonObject()
            .put(
                "$setOnInsert",
                new JsonObject()
                    .put("owner", owner)
                    .put("peer", peer)
                    .put("remark", "")
                    .put("createdAt", now)),
        new UpdateOptions().setUpsert(true));
  }

  /** Removes both directions; true if they were contacts. */
  Future<Boolean> unlink(String a, String b) {
    return mongo
        .removeDocuments(
            CONTACTS,
            new JsonObject()
                .put(
                    "_id",
                    new JsonObject().put("$in", new JsonArray().add(a + ":" + b).add(b + ":" + a))))
        .map(result -> result != null && result.getRemovedCount() > 0);
  }

  Future<JsonObject> contact(String owner, String peer) {
    return mongo.findOne(CONTACTS, new JsonObject().put("_id", owner + ":" + peer), null);
  }

  /** The owner's contact documents for those of {@code phones} that are contacts. */
  Future<List<JsonObject>> among(String owner, List<String> phones) {
    JsonArray ids = new JsonArray();
    phones.forEach(phone -> ids.add(owner + ":" + phone));
    return mongo.find(CONTACTS, new JsonObject().put("_id", new JsonObject().put("$in", ids)));
  }

  Future<List<JsonObject>> contactsOf(String owner) {
    return mongo.find(CONTACTS, new JsonObject().put("owner", owner));
  }

  Future<JsonObject> setRemark(String owner, String peer, String remark) {
    return mongo.findOneAndUpdateWithOptions(
        CONTACTS,
        new JsonObject().put("_id", owner + ":" + peer),
        new JsonObject().put("$set", new JsonObject().put("remark", remark)),
        new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  private static String newId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return "r" + HexFormat.of().formatHex(bytes);
  }
}
