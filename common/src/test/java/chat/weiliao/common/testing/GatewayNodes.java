package chat.weiliao.common.testing;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * The gateways' part in Redis, stubbed: a live gateway node keeps its heartbeat key {@code
 * node:<id>} (gateway's PresenceReporter), and presence and the call sweep read it. A node that
 * stops beating is a dead one.
 */
public final class GatewayNodes {
  private final RedisAPI redis;

  public GatewayNodes(ServiceUnderTest service) {
    this.redis = Stores.redis(service.vertx(), service.config());
  }

  /** The node is alive for the next minute. */
  public Future<Void> alive(String node) {
    return redis.set(List.of(key(node), "1", "EX", "60")).mapEmpty();
  }

  /** The node died without saying goodbye: its heartbeat is gone. */
  public Future<Void> dead(String node) {
    return redis.del(List.of(key(node))).mapEmpty();
  }

  private static String key(String node) {
    return Addresses.nodeHeartbeat(node);
  }
}
