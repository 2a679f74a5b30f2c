package chat.weiliao.allinone;

import chat.weiliao.allinone.store.DurableH2Backend;
import chat.weiliao.allinone.store.GroupCommit;
import chat.weiliao.allinone.store.IndexedMemoryBackend;
import chat.weiliao.common.Config;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import redis.embedded.RedisServer;

/**
 * The MongoDB-wire and Redis servers the all-in-one mode starts when no real ones are configured.
 * Both listen on 127.0.0.1 only. With a data directory, MongoDB data lives in an H2 file and Redis
 * keeps an append-only file, so both survive a restart.
 */
public final class EmbeddedStores {
  /** The MongoDB driver pools up to 100 connections per client by default. */
  private static final int WIRE_THREADS = 100;

  private MongoServer mongo;
  private RedisServer redis;
  private int redisPort;

  /** WEILIAO_EMBEDDED_FSYNC: {@code always} (the default) or {@code everysec}. */
  public static GroupCommit.Fsync fsync(Config config) {
    String value = config.string("WEILIAO_EMBEDDED_FSYNC", "always");
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "always" -> GroupCommit.Fsync.ALWAYS;
      case "everysec" -> GroupCommit.Fsync.EVERYSEC;
      default ->
          throw new IllegalArgumentException(
              "WEILIAO_EMBEDDED_FSYNC must be always or everysec, not " + value);
    };
  }

  /** Starts the MongoDB-wire server; returns its connection string. dataDir null: in memory. */
  public String startMongo(Path dataDir, GroupCommit.Fsync fsync) throws IOException {
    return startMongo(dataDir, fsync, 0);
  }

  /** The same on a given port (0: any free one). */
  public String startMongo(Path dataDir, GroupCommit.Fsync fsync, int port) throws IOException {
    MongoBackend backend;
    if (dataDir == null) {
      backend = new IndexedMemoryBackend();
    } else {
      Files.createDirectories(dataDir);
      backend = DurableH2Backend.open(dataDir.resolve("mongo.mv"), fsync);
    }
    mongo = new MongoServer(backend);
    // A write command waits for its group's commit on the connection's thread; with a thread per
    // pooled client connection, the other connections' writes join that group meanwhile.
    mongo.bind(new InetSocketAddress("127.0.0.1", port), 0, dataDir == null ? 0 : WIRE_THREADS);
    InetSocketAddress address = mongo.getLocalAddress();
    return "mongodb://127.0.0.1:" + address.getPort() + "/weiliao";
  }

  /** Starts Redis; returns its URL. dataDir null: no persistence. */
  public String startRedis(Path dataDir) throws IOException {
    redisPort = freePort();
    var builder =
        RedisServer.newRedisServer()
            .port(redisPort)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("protected-mode yes");
    if (dataDir != null) {
      Path dir = dataDir.resolve("redis");
      Files.createDirectories(dir);
      // Redis rewrites the append-only file once it doubles past 64 MB, so churn of expiring keys
      // (presence, heartbeats, rate limits) cannot grow it without bound (bench/redis-aof.sh).
      builder
          .setting("dir " + dir)
          .setting("appendonly yes")
          .setting("appendfsync everysec")
          .setting("auto-aof-rewrite-percentage 100")
          .setting("auto-aof-rewrite-min-size 64mb");
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
