package chat.weiliao.gateway;

import chat.weiliao.gateway.http.TokenGate;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashSet;
import java.util.Set;

/**
 * Connections refused as they open (their address used up its allowance, see WebSocketEndpoint):
 * held unread and closed a second later. Closed at once, a client that reconnects as soon as it is
 * ended (as scripted attacks do) comes straight back: thousands of accepts a second from a few
 * hundred threads. Held, it waits a second per try.
 *
 * <p>The server reads a connection's first bytes (to tell HTTP/1.1 from cleartext HTTP/2) before
 * its connection handler runs, so the request in them still arrives: {@link #isHeld} tells the
 * handlers to leave it unanswered. Event-loop confined: a connection's handlers all run on the
 * context of the server instance that accepted it.
 */
final class HeldConnections {
  private final Vertx vertx;

  /** Peers ("host:port") of the connections held now. */
  private final Set<String> held = new HashSet<>();

  HeldConnections(Vertx vertx) {
    this.vertx = vertx;
  }

  void hold(HttpConnection connection) {
    if (connection instanceof ConnectionBase netty) {
      netty.channel().config().setAutoRead(false);
    }
    String peer = connection.remoteAddress().toString();
    held.add(peer);
    vertx.setTimer(
        TokenGate.REFUSAL_DELAY_MILLIS,
        late -> {
          held.remove(peer);
          connection.close();
        });
  }

  boolean isHeld(SocketAddress peer) {
    return !held.isEmpty() && held.contains(peer.toString());
  }
}
