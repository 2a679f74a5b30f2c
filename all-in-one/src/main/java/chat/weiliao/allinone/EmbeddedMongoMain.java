package chat.weiliao.allinone;

import chat.weiliao.common.Config;

/**
 * The embedded MongoDB-wire server as a process of its own, for running the clustered topology on
 * one machine without a real MongoDB (scripts/topology.sh). Listens on 127.0.0.1 at
 * WEILIAO_MONGO_PORT (default 27017) and keeps its data under WEILIAO_DATA_DIR.
 */
public final class EmbeddedMongoMain {
  private EmbeddedMongoMain() {}

  public static void main(String[] args) throws Exception {
    Config config = Config.fromEnv();
    EmbeddedStores stores = new EmbeddedStores();
    String uri =
        stores.startMongo(
            config.dataDir(),
            EmbeddedStores.fsync(config),
            config.integer("WEILIAO_MONGO_PORT", 27017));
    Runtime.getRuntime().addShutdownHook(new Thread(stores::stop, "mongo-shutdown"));
    System.out.println("mongo started at " + uri);
  }
}
