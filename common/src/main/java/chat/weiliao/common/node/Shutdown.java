package chat.weiliao.common.node;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops Vert.x on SIGTERM so each verticle's stop runs: the gateway closes its sockets with 1001
 * and in-flight requests finish before the process exits.
 */
public final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private Shutdown() {
  }

  public static void onSignal(Vertx vertx, Runnable afterClose) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping");
      CountDownLatch closed = new CountDownLatch(1);
      vertx.close().onComplete(done -> closed.countDown());
      try {
        closed.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      afterClose.run();
    }, "weiliao-shutdown"));
  }
}
