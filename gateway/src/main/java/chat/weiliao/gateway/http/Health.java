package chat.weiliao.gateway.http;

import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ServiceClient;
import chat.weiliao.common.node.Node;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * {@code /health}: Redis answers this gateway, MongoDB answers chat-service's ping, and each
 * service answers on the bus after checking its own stores. A failing check is named in the body.
 */
public final class Health {
  private static final long TIMEOUT_MS = 3000;

  /**
   * Shorter than the check's own timeout, so a missing service reads DOWN (503), not timed out
   * (500).
   */
  private static final long BUS_TIMEOUT_MS = 2000;

  private Health() {}

  public static HealthCheckHandler handler(
      Vertx vertx, RedisAPI redis, ChatApi chat, List<ServiceClient> services) {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("redis", TIMEOUT_MS, promise -> complete(promise, redis.ping(List.of())));
    checks.register(
        "mongo",
        TIMEOUT_MS,
        promise ->
            complete(
                promise,
                chat.askOnce(
                    ChatApi.MONGO_HEALTH, BusCall.anonymous(), Empty.VALUE, BUS_TIMEOUT_MS)));
    // A rolling restart waits for this before taking the next member away (scripts/topology.sh).
    checks.register(
        "cluster",
        TIMEOUT_MS,
        promise ->
            complete(
                promise, vertx.executeBlocking(() -> Node.clusterSafe() ? true : failNotSafe())));
    for (ServiceClient service : services) {
      String name = service.address().substring(service.address().indexOf('.') + 1);
      checks.register(
          name,
          TIMEOUT_MS,
          promise ->
              complete(
                  promise,
                  service.askOnce(
                      BusEndpoint.HEALTH, BusCall.anonymous(), Empty.VALUE, BUS_TIMEOUT_MS)));
    }
    return HealthCheckHandler.createWithHealthChecks(checks);
  }

  private static boolean failNotSafe() {
    throw new IllegalStateException("cluster data not yet backed up");
  }

  private static void complete(Promise<Status> promise, Future<?> check) {
    check.onComplete(done -> promise.tryComplete(done.succeeded() ? Status.OK() : Status.KO()));
  }
}
