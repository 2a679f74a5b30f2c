package chat.weiliao.bench;

import io.vertx.core.Vertx;

final class Idle {
  private Idle() {
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    throw new UnsupportedOperationException("not yet");
  }
}
