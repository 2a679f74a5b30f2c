package chat.weiliao.bench;

import io.vertx.core.Vertx;

final class Reconnect {
  private Reconnect() {
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    throw new UnsupportedOperationException("not yet");
  }
}
