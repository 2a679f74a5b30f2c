package chat.weiliao.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * WebSocket clients spread over several source addresses (127.0.0.x: about 28k ephemeral ports
 * each) and several target servers (gateways); connection i uses source i mod S and target i mod T.
 */
final class Clients {
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final List<URI> targets;

  Clients(Vertx vertx, Options options) {
    this.targets = options.urls();
    for (String source : options.sources()) {
      clients.add(
          vertx.createWebSocketClient(
              new WebSocketClientOptions()
                  .setLocalAddress(source)
                  .setMaxConnections(100_000)
                  .setConnectTimeout(60_000)
                  .setMaxFrameSize(1 << 20)
                  .setMaxMessageSize(1 << 24)));
    }
  }

  Future<Socket> open(int index, String token, BiConsumer<String, Long> onText) {
    URI target = targets.get(index % targets.size());
    return Socket.openRaw(
        clients.get(index % clients.size()), target.getHost(), target.getPort(), token, onText);
  }

  Future<Socket> openJson(int index, String token, BiConsumer<JsonObject, Long> onFrame) {
    return open(index, token, (text, now) -> onFrame.accept(new JsonObject(text), now));
  }

  int targets() {
    return targets.size();
  }
}
