package chat.weiliao.allinone;

import chat.weiliao.common.Config;
import io.vertx.core.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar weiliao-all-in-one.jar}: the whole system in one process. */
public final class AllInOneMain {
  private static final Logger log = LoggerFactory.getLogger(AllInOneMain.class);

  private AllInOneMain() {
  }

  public static void main(String[] args) throws Exception {
    long started = System.currentTimeMillis();
    AllInOne system;
    try {
      system = AllInOne.start(Config.fromEnv()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception failure) {
      log.error("Weiliao failed to start", failure);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(system), "weiliao-shutdown"));
    System.out.printf("Weiliao is running at http://127.0.0.1:%d (started in %d ms)%n",
        system.port(), System.currentTimeMillis() - started);
  }

  private static void stop(AllInOne system) {
    CountDownLatch stopped = new CountDownLatch(1);
    Future<Void> closing = system.stop();
    closing.onComplete(done -> stopped.countDown());
    try {
      stopped.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
