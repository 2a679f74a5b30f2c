package chat.weiliao.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Two collections. {@code contact_requests}: one document per (from, to) pair, unique on that
 * pair, so a repeated request replaces the pending one. {@code contacts}: one document per
 * direction ({@code _id = owner:peer}) so each side keeps its own remark and a user's contact
 * list is one indexed query on owner.
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
    return mongo.createIndexWithOptions(REQUESTS, new JsonObject().put("from", 1).put("to", 1),
            new IndexOptions().unique(true).name("pair_unique"))
        .compose(done -> mongo.createIndexWithOptions(REQUESTS, new JsonObject().put("to", 1).put("createdAt", -1),
            new IndexOptions().name("incoming")))
        .compose(done -> mongo.createIndexWithOptions(CONTACTS, new JsonObject().put("owner", 1),
            new IndexOptions().name("by_owner")));
  }

  /** Makes the pair's request pending with this greeting (new or replacing); returns it. */
  Future<JsonObject> upsertPending(String from, String to, String greeting) {
    long now = System.currentTimeMillis();
    JsonObject update = new JsonObject()
        .put("$set", new JsonObject().put("status", "pending").put("greeting", greeting).put("createdAt", now))
        .put("$setOnInsert", new JsonObject().put("_id", newId()));
    return mongo.findOneAndUpdateWithOptions(REQUESTS, new JsonObject().put("from", from).put("to", to), update,
        new io.vertx.ext.mongo.FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true));
  }

  Future<JsonObject> request(String id) {
    return mongo.findOne(REQUESTS, new JsonObject().put("_id", id), null);
  }

  Future<JsonObject> pendingBetween(String from, String to) {
    return mongo.findOne(REQUESTS, new JsonObject().put("from", from).put("to", to).put("status", "pending"), null);
  }

  /** Moves a request from one status to another; the updated document, or null if it was not in that status. */
  Future<JsonObject> transition(String id, String from, String to) {
    return mongo.findOneAndUpdateWithOptions(REQUESTS, new JsonObject().put("_id", id).put("status", from),
        new JsonObject().put("$set", new JsonObject().put("status", to)), new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  Future<List<JsonObject>> requestsWhere(String field, String phone) {
    return mongo.findWithOptions(REQUESTS, new JsonObject().put(field, phone),
        new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(200));
  }

  /** Writes both directions of a contact (idempotent). */
  Future<Void> link(String a, String b) {
    long now = System.currentTimeMillis();
    return Future.all(upsertContact(a, b, now), upsertContact(b, a, now)).mapEmpty();
  }

  private Future<?> upsertContact(String owner, String peer, long now) {
    return mongo.updateCollectionWithOptions(CONTACTS, new JsonObject().put("_id", owner + ":" + peer),
        new JsonObject().put("$setOnInsert", new JsonObject().put("owner", owner).put("peer", peer)
            .put("remark", "").put("createdAt", now)),
        new UpdateOptions().setUpsert(true));
  }

  /** Removes both directions; true if they were contacts. */
  Future<Boolean> unlink(String a, String b) {
    return mongo.removeDocuments(CONTACTS, new JsonObject().put("_id",
            new JsonObject().put("$in", new io.vertx.core.json.JsonArray().add(a + ":" + b).add(b + ":" + a))))
        .map(result -> result != null && result.getRemovedCount() > 0);
  }

  Future<JsonObject> contact(String owner, String peer) {
    return mongo.findOne(CONTACTS, new JsonObject().put("_id", owner + ":" + peer), null);
  }

  Future<List<JsonObject>> contactsOf(String owner) {
    return mongo.find(CONTACTS, new JsonObject().put("owner", owner));
  }

  Future<JsonObject> setRemark(String owner, String peer, String remark) {
    return mongo.findOneAndUpdateWithOptions(CONTACTS, new JsonObject().put("_id", owner + ":" + peer),
        new JsonObject().put("$set", new JsonObject().put("remark", remark)), new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  private static String newId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return "r" + HexFormat.of().formatHex(bytes);
  }
}
