package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.store.MongoErrors;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code users} collection: one document per account, keyed by a unique index on phone. The
 * password hash never leaves this class except for verification.
 */
public final class UserStore {
  static final String USERS = "users";
  private final MongoClient mongo;

  public UserStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(
        USERS,
        new JsonObject().put("phone", 1),
        new IndexOptions().unique(true).name("phone_unique"));
  }

  /** Inserts a new account; CONFLICT if the phone is taken. Returns the public user. */
  public Future<JsonObject> insert(String phone, String passwordHash, String nickname) {
    JsonObject document =
        new JsonObject()
            .put("phone", phone)
            .put("passwordHash", passwordHash)
            .put("nickname", nickname)
            .putNull("avatar")
            .put("signature", "")
            .put("createdAt", System.currentTimeMillis());
    return mongo
        .insert(USERS, document)
        .recover(
            failure ->
                Future.failedFuture(
                    MongoErrors.isDuplicateKey(failure)
                        ? ApiException.conflict("This phone is already registered")
                        : failure))
        .map(id -> publicUser(document));
  }

  /** The account with its password hash, or null. */
  public Future<JsonObject> findAccount(String phone) {
    return mongo.findOne(USERS, new JsonObject().put("phone", phone), null);
  }

  /** The public user; NOT_FOUND if there is none. */
  public Future<JsonObject> find(String phone) {
    return findAccount(phone)
        .map(
            account -> {
              if (account == null) {
                throw ApiException.notFound("No such user");
              }
              return publicUser(account);
            });
  }

  /** Public users by phone, for the phones that have an account. */
  public Future<Map<String, JsonObject>> publicUsers(Collection<String> phones) {
    if (phones.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonObject query =
        new JsonObject()
            .put("phone", new JsonObject().put("$in", new JsonArray(List.copyOf(phones))));
    return mongo
        .find(USERS, query)
        .map(
            accounts -> {
              Map<String, JsonObject> users = new HashMap<>();
              accounts.forEach(
                  account -> users.put(account.getString("phone"), publicUser(account)));
              return users;
            });
  }

  /** Applies the given profile fields and returns the updated public user. */
  public Future<JsonObject> update(String phone, JsonObject fields) {
    if (fields.isEmpty()) {
      return find(phone);
    }
    return mongo
        .updateCollection(
            USERS, new JsonObject().put("phone", phone), new JsonObject().put("$set", fields))
        .compose(done -> find(phone));
  }

  public Future<Void> ping() {
    return Stores.ping(mongo);
  }

  static JsonObject publicUser(JsonObject account) {
    return new JsonObject()
        .put("phone", account.getString("phone"))
        .put("nickname", account.getString("nickname"))
        .put("avatar", account.getString("avatar"))
        .put("signature", account.getString("signature", ""))
        .put("createdAt", account.getLong("createdAt"));
  }
}
