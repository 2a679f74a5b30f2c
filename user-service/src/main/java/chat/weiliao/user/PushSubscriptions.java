package chat.weiliao.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.Collection;
import java.util.List;

/**
 * The {@code push_subscriptions} collection: one document per browser push endpoint (its {@code
 * _id}), with the user and the login that registered it and the keys its payloads are encrypted
 * for. An endpoint belongs to one login at a time; a login's go at logout.
 */
final class PushSubscriptions {
  private static final String COLLECTION = "push_subscriptions";

  /**
   * Subscriptions kept per user (their browsers and devices); registering another drops the oldest.
   */
  static final int MAX_PER_USER = 10;

  /** One stored subscription. */
  record Subscription(String endpoint, String phone, String origin, String p256dh, String auth) {}

  private final MongoClient mongo;

  PushSubscriptions(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return mongo
        .createIndexWithOptions(
            COLLECTION,
            new JsonObject().put("phone", 1).put("createdAt", -1),
            new IndexOptions().name("by_phone"))
        .compose(
            done ->
                mongo.createIndexWithOptions(
                    COLLECTION,
                    new JsonObject().put("login", 1),
                    new IndexOptions().name("by_login")));
  }

  /** Stores the endpoint for this login, taking it from whichever login had it. */
  Future<Void> save(Subscription subscription, String login) {
    JsonObject document =
        new JsonObject()
            .put("_id", subscription.endpoint())
            .put("phone", subscription.phone())
            .put("login", login)
            .put("origin", subscription.origin())
            .put("p256dh", subscription.p256dh())
            .put("auth", subscription.auth())
            .put("createdAt", System.currentTimeMillis());
    return mongo
        .replaceDocumentsWithOptions(
            COLLECTION,
            byEndpoint(subscription.endpoint()),
            document,
            new UpdateOptions().setUpsert(true))
        .compose(saved -> dropBeyondNewest(subscription.phone()));
  }

  private Future<Void> dropBeyondNewest(String phone) {
    return mongo
        .findWithOptions(
            COLLECTION,
            new JsonObject().put("phone", phone),
            new FindOptions()
                .setSort(new JsonObject().put("createdAt", -1))
                .setSkip(MAX_PER_USER)
                .setFields(new JsonObject().put("_id", 1)))
        .compose(
            surplus ->
                surplus.isEmpty()
                    ? Future.succeededFuture()
                    : mongo.removeDocuments(
                        COLLECTION,
                        new JsonObject()
                            .put(
                                "_id",
                                new JsonObject()
                                    .put(
                                        "$in",
                                        new JsonArray(
                                            surplus.stream()
                                                .map(old -> old.getString("_id"))
                                                .toList())))))
        .mapEmpty();
  }

  /**
   * Removes the endpoint if it is the user's (someone else's is left alone, and that is not an
   * error).
   */
  Future<Void> remove(String endpoint, String phone) {
    return mongo.removeDocuments(COLLECTION, byEndpoint(endpoint).put("phone", phone)).mapEmpty();
  }

  /** The push service said the endpoint is gone (404, 410). */
  Future<Void> drop(String endpoint) {
    return mongo.removeDocuments(COLLECTION, byEndpoint(endpoint)).mapEmpty();
  }

  Future<Void> removeLogin(String login) {
    return mongo.removeDocuments(COLLECTION, new JsonObject().put("login", login)).mapEmpty();
  }

  /** The users' subscriptions, oldest first (so each user's pushes go out in a stable order). */
  Future<List<Subscription>> of(Collection<String> phones) {
    if (phones.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo
        .findWithOptions(
            COLLECTION,
            new JsonObject()
                .put("phone", new JsonObject().put("$in", new JsonArray(List.copyOf(phones)))),
            new FindOptions().setSort(new JsonObject().put("createdAt", 1)))
        .map(
            found ->
                found.stream()
                    .map(
                        document ->
                            new Subscription(
                                document.getString("_id"),
                                document.getString("phone"),
                                document.getString("origin"),
                                document.getString("p256dh"),
                                document.getString("auth")))
                    .toList());
  }

  private static JsonObject byEndpoint(String endpoint) {
    return new JsonObject().put("_id", endpoint);
  }
}
