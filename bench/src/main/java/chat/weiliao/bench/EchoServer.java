package chat.weiliao.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * S0's server: a bare Vert.x WebSocket server that writes every text frame back to its sender, one
 * instance per core. Run it in its own JVM: {@code java -cp weiliao-bench.jar
 * chat.weiliao.bench.Bench echo-server --port 18090}. It first sends one frame shaped like
 * session.ready, so the same client code connects to it.
 */
final class EchoServer extends VerticleBase {
  private final int port;

  EchoServer(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                .setPort(port)
                .setHost("127.0.0.1")
                .setMaxWebSocketFrameSize(1 << 16)
                .setMaxWebSocketMessageSize(1 << 16))
        .webSocketHandler(
            socket -> {
              socket.writeTextMessage("{\"type\":\"session.ready\",\"payload\":{}}");
              socket.textMessageHandler(socket::writeTextMessage);
            })
        .listen();
  }

  static void serve(int port) throws Exception {
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    Async.await(
        vertx.deployVerticle(
            () -> new EchoServer(port), new DeploymentOptions().setInstances(instances)),
        60);
    System.out.printf(
        "echo server on 127.0.0.1:%d, %d event loops, pid %d%n",
        port, instances, ProcessHandle.current().pid());
    Thread.currentThread().join();
  }
}
