package chat.weiliao.common.store;

import chat.weiliao.common.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;

/** Factories of the MongoDB and Redis clients every service uses, configured from env. */
public final class Stores {
  private Stores() {}

  /**
   * A pooled MongoDB client. Writes are acknowledged by a majority and journaled unless the URI
   * says otherwise: an ack to a client must mean the data survives a node's death.
   */
  public static MongoClient mongo(Vertx vertx, Config config) {
    String uri = config.mongoUri();
    JsonObject options =
        new JsonObject().put("connection_string", uri).put("db_name", databaseName(uri));
    if (!uri.contains("w=")) {
      options.put("writeConcern", "MAJORITY");
    }
    return MongoClient.createShared(vertx, options, "weiliao-mongo");
  }

  /** Succeeds once MongoDB answers a ping: a service's health check of its store. */
  public static Future<Void> ping(MongoClient mongo) {
    return mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  /** A pooled Redis client; the pool reconnects by itself after a Redis restart. */
  public static RedisAPI redis(Vertx vertx, Config config) {
    Redis client =
        Redis.createClient(
            vertx,
            new RedisOptions()
                .setConnectionString(config.redisUrl())
                .setMaxPoolSize(config.integer("WEILIAO_REDIS_POOL_SIZE", 16))
                .setMaxPoolWaiting(config.integer("WEILIAO_REDIS_POOL_WAITING", 10_000)));
    return RedisAPI.api(client);
  }

  static String databaseName(String uri) {
    String path = URI.create(uri).getPath();
    if (path == null || path.length() <= 1) {
      return "weiliao";
    }
    return path.substring(1);
  }
}
