package chat.weiliao.chat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.concurrent.TimeUnit;

/** A MongoDB-wire server in memory on a real socket, and a Vert.x client of it, for store tests. */
final class MongoFixture implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final MongoServer server = new MongoServer(new MemoryBackend());
  final MongoClient mongo =
      MongoClient.create(
          vertx,
          new JsonObject()
              .put("connection_string", server.bindAndGetConnectionString())
              .put("db_name", "test"));

  static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    mongo.close().await(10, TimeUnit.SECONDS);
    server.shutdownNow();
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
