package chat.weiliao.bench;

import io.vertx.core.Vertx;

final class Groups {
  private Groups() {
  }

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    throw new UnsupportedOperationException("not yet");
  }
}
