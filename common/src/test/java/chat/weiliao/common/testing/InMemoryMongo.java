package chat.weiliao.common.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Map;

/** The MongoDB-wire server all-in-one embeds (mongo-java-server), in memory. */
public final class InMemoryMongo implements TestStore {
  private MongoServer server;

  @Override
  public Map<String, String> start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return Map.of(
        "WEILIAO_MONGO_URI",
        "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/weiliao");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }
}
