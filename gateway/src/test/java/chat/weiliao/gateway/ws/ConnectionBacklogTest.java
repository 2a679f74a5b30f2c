package chat.weiliao.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.common.auth.AccessToken;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real Vert.x server over a real socket whose kernel buffers are small, so what the server keeps
 * for a client that does not read shows in what that client can read afterwards.
 */
class ConnectionBacklogTest {
  private static final int BOUND = 16 * 1024;
  private static final int FRAME = 64 * 1024;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void theBacklogIsBoundedInBytesNotInFrames() throws Exception {
    CompletableFuture<Connection> opened = new CompletableFuture<>();
    CompletableFuture<Context> socketContext = new CompletableFuture<>();
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setSendBufferSize(8192))
            .webSocketHandler(
                socket -> {
                  socket.setWriteQueueMaxSize(BOUND);
                  socketContext.complete(vertx.getOrCreateContext());
                  opened.complete(
                      new Connection(
                          vertx,
                          "node",
                          socket,
                          new AccessToken(
                              "13800000000", "s", "t", System.currentTimeMillis() + 60_000),
                          "a",
                          new FrameRate(100, 10),
                          () -> {}));
                })
            .listen(0, "127.0.0.1")
            .await();
    try (Socket client = new Socket()) {
      client.setReceiveBufferSize(4096);
      client.connect(new InetSocketAddress("127.0.0.1", server.actualPort()), 5000);
      client.setSoTimeout(30_000);
      upgrade(client.getOutputStream(), client.getInputStream());
      Connection connection = opened.get(10, TimeUnit.SECONDS);
      String frame = "x".repeat(FRAME);
      for (int i = 0; i < 40; i++) {
        socketContext
            .get()
            .runOnContext(
                send ->
                    connection.send(frame)); // 2.5 MB offered to a client that reads nothing yet
      }
      long buffered = client.getInputStream().transferTo(OutputStream.nullOutputStream());
      assertTrue(
          buffered < 6 * FRAME,
          "kept at most the bound, one frame and the kernels' small buffers, not 16 frames: "
              + buffered);
    }
  }

  private static void upgrade(OutputStream out, InputStream in) throws IOException {
    out.write(
        ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake");
      }
      headers.append((char) b);
    }
  }
}
