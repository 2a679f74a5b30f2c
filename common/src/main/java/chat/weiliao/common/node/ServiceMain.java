package chat.weiliao.common.node;

import chat.weiliao.common.Config;
import io.vertx.core.Deployable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The body of every service's {@code main}: start the node, deploy the verticle, stop on SIGTERM. */
public final class ServiceMain {
  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {
  }

  public static void run(String name, Function<Config, Deployable> verticle) {
    Config config = Config.fromEnv();
    Node.start(config)
        .compose(vertx -> {
          Shutdown.onSignal(vertx::close);
          return vertx.deployVerticle(verticle.apply(config));
        })
        .onSuccess(id -> log.info("{} started", name))
        .onFailure(failure -> {
          log.error("{} failed to start", name, failure);
          System.exit(1);
        });
  }
}
