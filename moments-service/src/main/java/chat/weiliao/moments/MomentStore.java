package chat.weiliao.moments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;
import java.util.List;

/**
 * {@code moments}: one document per moment holding its likes and comments, so a moment is read,
 * shown and deleted as one document. Both lists are bounded: likes by the author's contacts (only
 * they can see it), comments by {@link #MAX_COMMENTS}.
 */
final class MomentStore {
  static final String MOMENTS = "moments";

  /** Far below MongoDB's 16 MB document limit at 280 characters a comment. */
  static final int MAX_COMMENTS = 2000;

  private static final JsonObject NEWEST_FIRST = new JsonObject().put("_id", -1);
  private final MongoClient mongo;

  MomentStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** An album page is one range scan: the author, then newest first. */
  Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(
        MOMENTS,
        new JsonObject().put("author", 1).put("_id", -1),
        new IndexOptions().name("by_author_newest"));
  }

  Future<Void> insert(JsonObject moment) {
    return mongo.insert(MOMENTS, moment).mapEmpty();
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(MOMENTS, new JsonObject().put("_id", id), null);
  }

  Future<List<JsonObject>> byIds(Collection<String> ids) {
    return mongo.find(
        MOMENTS,
        new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(ids)))));
  }

  /**
   * Up to {@code limit} of the author's moments, newest first, older than {@code before} when
   * given.
   */
  Future<List<JsonObject>> byAuthor(String author, String before, int limit) {
    JsonObject query = new JsonObject().put("author", author);
    if (before != null) {
      query.put("_id", new JsonObject().put("$lt", before));
    }
    return mongo.findWithOptions(
        MOMENTS, query, new FindOptions().setSort(NEWEST_FIRST).setLimit(limit));
  }

  Future<Void> delete(String id) {
    return mongo.removeDocument(MOMENTS, new JsonObject().put("_id", id)).mapEmpty();
  }

  /** Adds the like unless the phone already likes it; true if it was added. */
  Future<Boolean> like(String id, String phone, long at) {
    JsonObject notYet =
        new JsonObject().put("_id", id).put("likes.phone", new JsonObject().put("$ne", phone));
    JsonObject push =
        new JsonObject()
            .put(
                "$push",
                new JsonObject().put("likes", new JsonObject().put("phone", phone).put("at", at)));
    return mongo
        .updateCollection(MOMENTS, notYet, push)
        .map(result -> result != null && result.getDocModified() > 0);
  }

  Future<Void> unlike(String id, String phone) {
    return mongo
        .updateCollection(
            MOMENTS,
            new JsonObject().put("_id", id),
            new JsonObject()
                .put("$pull", new JsonObject().put("likes", new JsonObject().put("phone", phone))))
        .mapEmpty();
  }

  /** Appends the comment while the moment exists and has room; false otherwise. */
  Future<Boolean> addComment(String id, JsonObject comment) {
    JsonObject withRoom =
        new JsonObject()
            .put("_id", id)
            .put("comments." + (MAX_COMMENTS - 1), new JsonObject().put("$exists", false));
    return mongo
        .updateCollection(
            MOMENTS,
            withRoom,
            new JsonObject().put("$push", new JsonObject().put("comments", comment)))
        .map(result -> result != null && result.getDocModified() > 0);
  }

  Future<Void> removeComment(String id, String commentId) {
    return mongo
        .updateCollection(
            MOMENTS,
            new JsonObject().put("_id", id),
            new JsonObject()
                .put(
                    "$pull",
                    new JsonObject().put("comments", new JsonObject().put("id", commentId))))
        .mapEmpty();
  }
}
