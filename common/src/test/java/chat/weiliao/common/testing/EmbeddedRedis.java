package chat.weiliao.common.testing;

import java.net.ServerSocket;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * A real Redis process (embedded-redis's bundled binary, as all-in-one runs), without persistence.
 */
public final class EmbeddedRedis implements TestStore {
  private RedisServer server;

  @Override
  public Map<String, String> start() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    server.start();
    return Map.of("WEILIAO_REDIS_URL", "redis://127.0.0.1:" + port);
  }

  @Override
  public void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
