package chat.weiliao.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;

/** One client connection: resolves once session.ready arrives, then reports each frame with its arrival time. */
final class Socket {
  final WebSocket socket;

  private Socket(WebSocket socket) {
    this.socket = socket;
  }

  static Future<Socket> open(WebSocketClient client, String host, int port, String token,
      BiConsumer<JsonObject, Long> onFrame) {
    Promise<Socket> ready = Promise.promise();
    return client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws?access_token=" + token))
        .compose(webSocket -> {
          Socket socket = new Socket(webSocket);
          webSocket.textMessageHandler(text -> {
            long now = System.nanoTime();
            JsonObject frame = new JsonObject(text);
            if ("session.ready".equals(frame.getString("type"))) {
              ready.tryComplete(socket);
            } else {
              onFrame.accept(frame, now);
            }
          });
          webSocket.closeHandler(closed -> ready.tryFail("closed with " + webSocket.closeStatusCode()
              + " before session.ready"));
          return ready.future();
        });
  }

  void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }
}
