package chat.weiliao.gateway.ws;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.auth.AccessToken;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ChatApi.ConversationList;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.EventPayloads.SessionReadyPayload;
import chat.weiliao.common.contract.Wire;
import chat.weiliao.gateway.GatewayMetrics;
import chat.weiliao.gateway.http.ClientAddress;
import chat.weiliao.gateway.http.TokenGate;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws}: the token is checked during the handshake (401 and no upgrade when it fails), then
 * the socket joins its user's channel, gets {@code session.ready} first, and its frames go to the
 * {@link FrameDispatcher}.
 */
public final class WebSocketEndpoint {
  public static final String PATH = "/ws";
  public static final int MAX_FRAME = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);
  private static final long SLOW_SET_UP_MILLIS = 5_000;

  private final Vertx vertx;
  private final TokenGate tokens;
  private final UserApi users;
  private final ChatApi chat;
  private final ClientAddress clientAddress;
  private final FrameDispatcher dispatcher;
  private final UserChannels channels;
  private final PresenceReporter presence;
  private final SignalingApi signaling;
  private final GatewayMetrics metrics;
  private final ConnectionPolicy policy;
  private final SessionAdmission admission;

  public WebSocketEndpoint(
      Vertx vertx,
      TokenGate tokens,
      UserApi users,
      ChatApi chat,
      SignalingApi signaling,
      RedisAPI redis,
      ClientAddress clientAddress,
      GatewayMetrics metrics,
      Config config) {
    this.policy = new ConnectionPolicy(config);
    this.admission = new SessionAdmission(config.integer("WEILIAO_SESSION_SETUP_CONCURRENCY", 32));
    this.vertx = vertx;
    this.tokens = tokens;
    this.users = users;
    this.chat = chat;
    this.clientAddress = clientAddress;
    this.dispatcher = new FrameDispatcher(tokens, chat, signaling);
    this.signaling = signaling;
    this.presence = new PresenceReporter(vertx, users, redis);
    this.channels = new UserChannels(vertx, presence);
    this.metrics = metrics;
    metrics.connectionsGauge(channels::connections);
  }

  /**
   * Whether a new TCP connection is refused before anything is read from it: its peer (not a
   * trusted proxy, whose clients are told apart per request) used up its allowance (see {@link
   * ConnectionPolicy#refusesAddress}). The cheapest refusal there is, for a client that reconnects
   * and offends as fast as it can.
   */
  public boolean refusesConnection(HttpConnection connection) {
    String peer = clientAddress.directPeer(connection.remoteAddress());
    return peer != null && policy.refusesAddress(peer);
  }

  public void handshake(ServerWebSocketHandshake handshake) {
    if (!PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    if (!policy.originAllowed(handshake.headers())) {
      handshake.reject(403);
      return;
    }
    String address = clientAddress.of(handshake.remoteAddress(), handshake.headers());
    tokens
        .verify(address, queryParam(handshake.query(), "access_token"))
        .onFailure(
            failure ->
                handshake.reject(
                    failure instanceof ApiException api ? api.code().httpStatus() : 503))
        .onSuccess(
            token -> {
              if (policy.struckOut(token.phone())
                  || !policy.takeHandshake(token.phone(), address)) {
                // Late, as TokenGate's refusals: a client that reconnects as soon as it is refused
                // then costs a handshake a second per socket instead of hundreds.
                vertx.setTimer(TokenGate.REFUSAL_DELAY_MILLIS, late -> handshake.reject(429));
                return;
              }
              if (!policy.reserve(token.phone(), address)) {
                handshake.reject(429);
                return;
              }
              handshake
                  .accept()
                  .onSuccess(socket -> open(socket, token, address))
                  .onFailure(failed -> droppedBeforeOpen(token, address));
            });
  }

  /**
   * The connection ended before its socket could open: the client left during the upgrade, or sent
   * bytes before its answer, which the HTTP codec ends the connection for (see {@link
   * ConnectionPolicy#strikeAddress}).
   */
  private void droppedBeforeOpen(AccessToken token, String address) {
    policy.release(token.phone(), address);
    policy.strikeAddress(address);
  }

  private void open(ServerWebSocket socket, AccessToken token, String address) {
    if (socket.isClosed()) {
      droppedBeforeOpen(token, address);
      return;
    }
    Connection connection =
        new Connection(
            vertx,
            presence.nodeId,
            socket,
            token,
            address,
            new FrameRate(100, 10),
            metrics::slowConsumerDropped);
    socket.setWriteQueueMaxSize(policy.maxBufferBytes);
    TextMessages messages = new TextMessages(MAX_FRAME);
    socket.frameHandler(frame -> onFrame(connection, messages, frame));
    socket.exceptionHandler(failure -> onFailure(connection, failure));
    socket.closeHandler(closed -> onClose(connection));
    connection.armExpiry();
    watchSetUp(connection);
    admission
        .admit(
            () -> !connection.isClosed(),
            () ->
                step(connection, "subscribing to the user's events", channels.attach(connection))
                    // A logout between the handshake and now was published before this socket could
                    // hear it: ask again, now that any later one will reach it.
                    .compose(
                        subscribed ->
                            step(
                                connection,
                                "checking the session in Redis",
                                tokens.stillSignedIn(token)))
                    .compose(
                        signedIn ->
                            step(connection, "loading session.ready", sessionReady(token.phone()))))
        .onSuccess(
            ready -> {
              Queue<String> held = connection.becomeReady(ready);
              while (!held.isEmpty() && !connection.isClosed()) {
                dispatcher.dispatch(connection, held.poll());
              }
            })
        .onFailure(failure -> onSetUpFailed(connection, failure));
  }

  /** Records which set-up step a socket is in, for {@link #watchSetUp}. */
  private static <T> Future<T> step(Connection connection, String step, Future<T> future) {
    connection.setUpStep = step;
    return future;
  }

  /**
   * Logs a socket whose set-up is still not done after {@link #SLOW_SET_UP_MILLIS}, with the step
   * it is in: a client then sees no session.ready, and only this says where it waits.
   */
  private void watchSetUp(Connection connection) {
    vertx.setTimer(
        SLOW_SET_UP_MILLIS,
        late -> {
          if (!connection.isReady() && !connection.isClosed()) {
            log.warn(
                "a socket has waited {} ms for session.ready, at: {}",
                SLOW_SET_UP_MILLIS,
                connection.setUpStep);
          }
        });
  }

  private static void onSetUpFailed(Connection connection, Throwable failure) {
    if (connection.isClosed()) {
      return;
    }
    if (failure instanceof ApiException api && api.code() == ErrorCode.UNAUTHENTICATED) {
      connection.close(CloseCodes.TOKEN_INVALID, "signed out");
    } else {
      log.warn("session.ready failed for a connection: {}", failure.getMessage());
      connection.close(CloseCodes.INTERNAL, "try again");
    }
  }

  private Future<String> sessionReady(String phone) {
    return Future.all(users.user(phone), chat.firstConversations(phone))
        .map(
            both ->
                ClientEvents.SESSION_READY.frame(readyPayload(both.resultAt(0), both.resultAt(1))));
  }

  private static SessionReadyPayload readyPayload(JsonObject user, ConversationList firstPage) {
    return new SessionReadyPayload(
        Wire.of(user),
        System.currentTimeMillis(),
        firstPage.conversations(),
        firstPage.hasMore(),
        firstPage.next());
  }

  /**
   * Every frame the client sends, control frames included: Vert.x answers a PING with a PONG before
   * we see it, so a client that floods PINGs and never reads grows our output; such a client is no
   * longer read and is dropped, and PINGs and PONGs count against the frame rate.
   */
  private void onFrame(Connection connection, TextMessages messages, WebSocketFrame frame) {
    if (connection.stopReadingIfBackedUp()) {
      return;
    }
    if (frame.type() == WebSocketFrameType.PING || frame.type() == WebSocketFrameType.PONG) {
      onControl(connection);
    } else if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
      onData(connection, messages, frame);
    }
  }

  private static void onControl(Connection connection) {
    if (connection.rate.count(System.currentTimeMillis()) == FrameRate.Verdict.CLOSE) {
      connection.close(CloseCodes.POLICY, "too many frames");
    }
  }

  private void onData(Connection connection, TextMessages messages, WebSocketFrame frame) {
    switch (messages.accept(frame)) {
      case MESSAGE -> onText(connection, messages.message());
      case BINARY ->
          connection.close(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
      case TOO_BIG -> connection.close(CloseCodes.TOO_BIG, "message larger than 64 KiB");
      case INVALID_UTF8 -> connection.close(CloseCodes.INVALID_DATA, "text is not valid UTF-8");
      case INCOMPLETE -> {}
    }
  }

  private void onText(Connection connection, String text) {
    metrics.frameIn();
    switch (connection.rate.count(System.currentTimeMillis())) {
      case CLOSE -> connection.close(CloseCodes.POLICY, "too many frames");
      case REFUSE ->
          connection.send(
              Frames.error(
                  FrameDispatcher.idOf(text),
                  ApiException.rateLimited("More than 100 frames in a second", 1)));
      case OK -> {
        if (!connection.holdIfNotReady(text)) {
          dispatcher.dispatch(connection, text);
        }
      }
    }
  }

  /**
   * A frame or message over the limit surfaces here, before any handler sees it: close with 1009.
   */
  /**
   * A frame the decoder refused (not masked, reserved bits, a continuation without a start, a
   * control frame too long, bad UTF-8, too big) ends the socket with the close code RFC 6455 gives
   * it (1002, 1007, 1009), sent as a close frame. Vert.x closes the channel right after this
   * handler, and a write made while it is still reading the same bytes is only queued until the
   * read ends: without the flush, the close frame would be dropped with the channel whenever a good
   * frame came before the bad one in one read, and the client would see the connection cut.
   */
  private static void onFailure(Connection connection, Throwable failure) {
    short code =
        failure instanceof CorruptedWebSocketFrameException corrupted
            ? (short) corrupted.closeStatus().code()
            : String.valueOf(failure.getMessage()).contains("max message size")
                ? CloseCodes.TOO_BIG
                : 0;
    if (code == 0) {
      log.debug("socket {} failed: {}", connection.id, failure.getMessage());
      return;
    }
    connection.close(
        code,
        code == CloseCodes.TOO_BIG
            ? "frame larger than 64 KiB"
            : ((CorruptedWebSocketFrameException) failure).closeStatus().reasonText());
    if (connection.socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().flush();
    }
  }

  private void onClose(Connection connection) {
    connection.markClosed();
    policy.release(connection.phone(), connection.clientAddress);
    if (connection.closedForCause()) {
      policy.strike(connection.phone(), connection.clientAddress);
    } else if (connection.droppedDuringSetUp()) {
      policy.strikeAddress(connection.clientAddress);
    }
    channels.detach(connection);
    signaling
        .connectionClosed(connection.phone(), connection.id)
        .onFailure(
            failure ->
                log.warn("signaling not told of a closed connection: {}", failure.getMessage()));
  }

  /** Closes every socket with 1001 so clients reconnect elsewhere; for a graceful stop. */
  public void goingAway() {
    presence.stop();
    for (Connection connection : channels.all()) {
      connection.close(CloseCodes.GOING_AWAY, "server going away");
    }
  }

  static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }
}
