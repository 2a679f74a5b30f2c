package chat.weiliao.allinone;

import chat.weiliao.common.Config;
import chat.weiliao.common.node.Shutdown;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar weiliao-all-in-one.jar}: the whole system in one process. */
public final class AllInOneMain {
  private static final Logger log = LoggerFactory.getLogger(AllInOneMain.class);

  private AllInOneMain() {}

  public static void main(String[] args) throws Exception {
    long started = System.currentTimeMillis();
    AllInOne system;
    try {
      system =
          AllInOne.start(Config.fromEnv())
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
    } catch (Exception failure) {
      log.error("Weiliao failed to start", failure);
      System.exit(1);
      return;
    }
    Shutdown.onSignal(system::stop);
    System.out.printf(
        "Weiliao is running at http://127.0.0.1:%d (started in %d ms)%n",
        system.port(), System.currentTimeMillis() - started);
  }
}
