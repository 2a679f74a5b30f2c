package chat.weiliao.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

/**
 * {@code contact_pairs}: per unordered pair of phones ({@code _id = lo:hi}), the epoch that each
 * deletion of their contact advances. A request records the epoch it was sent in; accepting it and
 * opening the direct chat carry that epoch, so an old request retried after a deletion can neither
 * re-link the contact nor reopen the chat. No document is epoch 0.
 */
final class ContactPairs {
  static final String PAIRS = "contact_pairs";
  private final MongoClient mongo;

  ContactPairs(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Long> epoch(String a, String b) {
    return mongo.findOne(PAIRS, byPair(a, b), null).map(ContactPairs::epochOf);
  }

  /** Starts a new epoch for the pair (a deletion); returns it. */
  Future<Long> advance(String a, String b) {
    return mongo
        .findOneAndUpdateWithOptions(
            PAIRS,
            byPair(a, b),
            new JsonObject().put("$inc", new JsonObject().put("epoch", 1L)),
            new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(ContactPairs::epochOf);
  }

  /** The key of the pair, the same whichever phone comes first. */
  static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
  }

  private static JsonObject byPair(String a, String b) {
    return new JsonObject().put("_id", key(a, b));
  }

  private static long epochOf(JsonObject pair) {
    return pair == null ? 0L : pair.getLong("epoch", 0L);
  }
}
