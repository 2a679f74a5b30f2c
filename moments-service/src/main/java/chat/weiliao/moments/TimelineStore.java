package chat.weiliao.moments;

import chat.weiliao.common.store.MongoErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code timeline}: fan-out on write, as WeChat does it. Posting writes one small entry per reader
 * (the author and each contact); reading a timeline page is one range scan of the reader's entries,
 * so it costs the same whether the reader has 5 contacts or 5,000. Visibility is still checked at
 * read time (entries of someone no longer a contact are skipped, and shown again if they are
 * re-added).
 */
final class TimelineStore {
  static final String TIMELINE = "timeline";
  private final MongoClient mongo;

  TimelineStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** A page is a scan of by_owner_newest; deleting a moment finds its entries by by_moment. */
  Future<Void> createIndexes() {
    return mongo
        .createIndexWithOptions(
            TIMELINE,
            new JsonObject().put("owner", 1).put("momentId", -1),
            new IndexOptions().name("by_owner_newest"))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    TIMELINE,
                    new JsonObject().put("momentId", 1),
                    new IndexOptions().name("by_moment")));
  }

  /**
   * One entry per reader in one unordered bulk write. The _id is reader and moment, so a retried
   * post writes each entry once: duplicates of an earlier try are ignored.
   */
  Future<Void> fanOut(String momentId, String author, Collection<String> readers) {
    List<BulkOperation> inserts = new ArrayList<>();
    for (String reader : readers) {
      inserts.add(
          BulkOperation.createInsert(
              new JsonObject()
                  .put("_id", reader + ":" + momentId)
                  .put("owner", reader)
                  .put("momentId", momentId)
                  .put("author", author)));
    }
    return mongo
        .bulkWriteWithOptions(TIMELINE, inserts, new BulkWriteOptions(false))
        .<Void>mapEmpty()
        .recover(
            failure ->
                MongoErrors.onlyDuplicateKeys(failure)
                    ? Future.succeededFuture()
                    : Future.failedFuture(failure));
  }

  /**
   * Up to {@code limit} of the reader's entries, newest first, older than {@code before} when
   * given.
   */
  Future<List<JsonObject>> page(String reader, String before, int limit) {
    JsonObject query = new JsonObject().put("owner", reader);
    if (before != null) {
      query.put("momentId", new JsonObject().put("$lt", before));
    }
    return mongo.findWithOptions(
        TIMELINE,
        query,
        new FindOptions().setSort(new JsonObject().put("momentId", -1)).setLimit(limit));
  }

  Future<Void> removeMoment(String momentId) {
    return mongo.removeDocuments(TIMELINE, new JsonObject().put("momentId", momentId)).mapEmpty();
  }
}
