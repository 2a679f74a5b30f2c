package chat.weiliao.allinone;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import chat.weiliao.allinone.store.DurableH2Backend;
import chat.weiliao.allinone.store.IndexedMemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import redis.embedded.RedisServer;

/**
 * The MongoDB-wire and Redis servers the all-in-one mode starts when no real ones are
 * configured. Both listen on 127.0.0.1 only. With a data directory, MongoDB data lives in an H2
 * file and Redis keeps an append-only file, so both survive a restart.
 */
public final class EmbeddedStores {
  private MongoServer mongo;
  private RedisServer redis;
  private int redisPort;

  /** Starts the MongoDB-wire server; returns its connection string. dataDir null: in memory. */
  public String startMongo(Path dataDir) throws IOException {
    return startMongo(dataDir, 0);
  }

  /** The same on a given port (0: any free one). */
  public String startMongo(Path dataDir, int port) throws IOException {
    MongoBackend backend;
    if (dataDir == null) {
      backend = new IndexedMemoryBackend();
    } else {
      Files.createDirectories(dataDir);
      backend = new DurableH2Backend(new MVStore.Builder()
          .fileName(dataDir.resolve("mongo.mv").toString())
          .open());
    }
    mongo = new MongoServer(backend);
    mongo.bind("127.0.0.1", port);
    InetSocketAddress address = mongo.getLocalAddress();
    return "mongodb://127.0.0.1:" + address.getPort() + "/weiliao";
  }

  /** Starts Redis; returns its URL. dataDir null: no persistence. */
  public String startRedis(Path dataDir) throws IOException {
    redisPort = freePort();
    var builder = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
        .setting("save \"\"")
        .setting("protected-mode yes");
    if (dataDir != null) {
      Path dir = dataDir.resolve("redis");
      Files.createDirectories(dir);
      builder.setting("dir " + dir).setting("appendonly yes").setting("appendfsync everysec");
    } else {
      builder.setting("appendonly no");
    }
    redis = builder.build();
    redis.start();
    return "redis://127.0.0.1:" + redisPort;
  }

  public void stop() {
    if (mongo != null) {
      mongo.shutdown();
    }
    if (redis != null) {
      try {
        redis.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
