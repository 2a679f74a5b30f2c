package chat.weiliao.common.node;

import io.vertx.core.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a process's stop on SIGTERM and waits for it, so each verticle's stop runs: the gateway
 * closes its sockets with 1001 and in-flight requests finish before the process exits.
 */
public final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private Shutdown() {}

  public static void onSignal(Supplier<Future<Void>> stop) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  CountDownLatch stopped = new CountDownLatch(1);
                  stop.get().onComplete(done -> stopped.countDown());
                  try {
                    stopped.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "weiliao-shutdown"));
  }
}
