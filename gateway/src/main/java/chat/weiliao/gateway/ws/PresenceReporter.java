package chat.weiliao.gateway.ws;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.async.SerialQueue;
import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells user-service when a user's first socket on this node opens and the last one closes, and
 * keeps this node's heartbeat key alive in Redis so that, if the node dies without a goodbye, its
 * users stop counting as online once the key expires.
 */
final class PresenceReporter {
  private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);

  /** Short, so signaling notices a dead gateway's calls within the contract's 5 seconds. */
  private static final int HEARTBEAT_SECONDS = 1;

  private static final int NODE_TTL_SECONDS = 3;
  final String nodeId = UUID.randomUUID().toString();
  private final UserApi users;
  private final RedisAPI redis;
  private final long heartbeat;
  private final Vertx vertx;
  private final SerialQueue<String> reports = new SerialQueue<>();

  PresenceReporter(Vertx vertx, UserApi users, RedisAPI redis) {
    this.vertx = vertx;
    this.users = users;
    this.redis = redis;
    beat();
    this.heartbeat = vertx.setPeriodic(HEARTBEAT_SECONDS * 1000L, id -> beat());
  }

  void online(String phone) {
    report(phone, true);
  }

  void offline(String phone) {
    report(phone, false);
  }

  /** One report per user at a time, in order: an "offline" can never overtake its "online". */
  private void report(String phone, boolean online) {
    reports
        .submit(phone, () -> users.presence(phone, nodeId, online))
        .onFailure(failure -> log.warn("presence not recorded: {}", failure.getMessage()));
  }

  private void beat() {
    redis
        .set(
            List.of(Addresses.nodeHeartbeat(nodeId), "1", "EX", Integer.toString(NODE_TTL_SECONDS)))
        .onFailure(failure -> log.warn("node heartbeat failed: {}", failure.getMessage()));
  }

  void stop() {
    vertx.cancelTimer(heartbeat);
  }
}
