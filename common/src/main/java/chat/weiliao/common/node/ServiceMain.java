package chat.weiliao.common.node;

import chat.weiliao.common.Config;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of every service's {@code main}: start the node, deploy the verticle, answer its own
 * health on WEILIAO_HEALTH_PORT when that is set (see {@link HealthServer}), stop on SIGTERM.
 */
public final class ServiceMain {
  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** A node without a bus endpoint of its own (the gateway: its HTTP port has /health). */
  public static void run(String name, Function<Config, Deployable> verticle) {
    run(name, null, verticle);
  }

  /** A service node whose verticle answers on {@code busAddress}, health included. */
  public static void run(String name, String busAddress, Function<Config, Deployable> verticle) {
    Config config = Config.fromEnv();
    Node.start(config)
        .compose(
            vertx -> {
              Shutdown.onSignal(vertx::close);
              return vertx
                  .deployVerticle(verticle.apply(config))
                  .compose(deployed -> deployHealth(vertx, busAddress, config));
            })
        .onSuccess(id -> log.info("{} started", name))
        .onFailure(
            failure -> {
              log.error("{} failed to start", name, failure);
              System.exit(1);
            });
  }

  private static Future<String> deployHealth(Vertx vertx, String busAddress, Config config) {
    if (busAddress == null || !config.isSet("WEILIAO_HEALTH_PORT")) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(
        new HealthServer(
            busAddress,
            config.string("WEILIAO_HEALTH_HOST", "127.0.0.1"),
            config.integer("WEILIAO_HEALTH_PORT", 0)));
  }
}
