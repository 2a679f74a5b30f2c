package chat.weiliao.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;

/**
 * One client connection: resolves once session.ready (always the first frame) arrives, then hands
 * each later frame to the scenario as raw text with its arrival time (System.nanoTime), so a
 * scenario decodes only what it needs.
 */
final class Socket {
  final WebSocket socket;
  private JsonObject ready;
  private volatile Runnable onClose = () -> {};

  private Socket(WebSocket socket) {
    this.socket = socket;
  }

  static Future<Socket> open(
      WebSocketClient client,
      String host,
      int port,
      String token,
      BiConsumer<JsonObject, Long> onFrame) {
    return openRaw(
        client, host, port, token, (text, now) -> onFrame.accept(new JsonObject(text), now));
  }

  static Future<Socket> openRaw(
      WebSocketClient client,
      String host,
      int port,
      String token,
      BiConsumer<String, Long> onText) {
    Promise<Socket> opened = Promise.promise();
    return client
        .connect(
            new WebSocketConnectOptions()
                .setHost(host)
                .setPort(port)
                .setURI("/ws?access_token=" + token))
        .compose(
            webSocket -> {
              Socket socket = new Socket(webSocket);
              webSocket.textMessageHandler(
                  text -> {
                    long now = System.nanoTime();
                    if (socket.ready == null) {
                      JsonObject frame = new JsonObject(text);
                      if (!"session.ready".equals(frame.getString("type"))) {
                        opened.tryFail("first frame was " + frame.getString("type"));
                        return;
                      }
                      socket.ready = frame.getJsonObject("payload");
                      opened.tryComplete(socket);
                    } else {
                      onText.accept(text, now);
                    }
                  });
              webSocket.exceptionHandler(failure -> opened.tryFail(failure));
              webSocket.closeHandler(
                  closed -> {
                    opened.tryFail(
                        "closed with " + webSocket.closeStatusCode() + " before session.ready");
                    socket.onClose.run();
                  });
              return opened.future();
            });
  }

  /** The session.ready payload: user, serverTime, conversations. */
  JsonObject ready() {
    return ready;
  }

  void onClose(Runnable action) {
    this.onClose = action;
  }

  void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  void send(String frame) {
    socket.writeTextMessage(frame);
  }

  Future<Void> close() {
    return socket.close();
  }
}
