package chat.weiliao.allinone;

import chat.weiliao.chat.ChatServiceVerticle;
import chat.weiliao.common.Config;
import chat.weiliao.common.node.Node;
import chat.weiliao.gateway.GatewayVerticle;
import chat.weiliao.moments.MomentsServiceVerticle;
import chat.weiliao.signaling.SignalingServiceVerticle;
import chat.weiliao.user.UserServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Every service in one JVM on the local event bus, with embedded stores unless WEILIAO_MONGO_URI /
 * WEILIAO_REDIS_URL point at real ones. The same verticles run as separate clustered processes in
 * production.
 */
public final class AllInOne {
  private final Vertx vertx;
  private final GatewayVerticle gateway;
  private final EmbeddedStores stores;
  private final Config config;

  private AllInOne(Vertx vertx, GatewayVerticle gateway, EmbeddedStores stores, Config config) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.stores = stores;
    this.config = config;
  }

  /** The MongoDB in use, embedded or configured. */
  public String mongoUri() {
    return config.mongoUri();
  }

  /**
   * Starts it all. Blocks while the embedded stores start, so call it from a plain thread.
   * WEILIAO_EMBEDDED_PERSIST=false keeps the embedded stores in memory (tests).
   */
  public static Future<AllInOne> start(Config config) throws Exception {
    EmbeddedStores stores = new EmbeddedStores();
    boolean persist = config.flag("WEILIAO_EMBEDDED_PERSIST", true);
    if (!config.isSet("WEILIAO_MONGO_URI")) {
      config =
          config.with(
              "WEILIAO_MONGO_URI",
              stores.startMongo(persist ? config.dataDir() : null, EmbeddedStores.fsync(config)));
    }
    if (!config.isSet("WEILIAO_REDIS_URL")) {
      config =
          config.with("WEILIAO_REDIS_URL", stores.startRedis(persist ? config.dataDir() : null));
    }
    Config settings = config;
    GatewayVerticle gateway = new GatewayVerticle(settings);
    return Node.start(settings)
        .compose(
            vertx ->
                vertx
                    .deployVerticle(new UserServiceVerticle(settings))
                    .compose(id -> vertx.deployVerticle(new ChatServiceVerticle(settings)))
                    .compose(id -> vertx.deployVerticle(new SignalingServiceVerticle(settings)))
                    .compose(id -> vertx.deployVerticle(new MomentsServiceVerticle(settings)))
                    .compose(id -> vertx.deployVerticle(gateway))
                    .map(id -> new AllInOne(vertx, gateway, stores, settings))
                    .onFailure(failure -> vertx.close().onComplete(closed -> stores.stop())));
  }

  public int port() {
    return gateway.port();
  }

  public Future<Void> stop() {
    return vertx.close().onComplete(closed -> stores.stop());
  }
}
