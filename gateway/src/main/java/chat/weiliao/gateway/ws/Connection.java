package chat.weiliao.gateway.ws;

import chat.weiliao.common.auth.AccessToken;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;

/**
 * One client socket. Until {@code session.ready} is written, events for it wait in order and frames
 * it sends wait to be processed; both queues drain right after the ready frame, so nothing sent at
 * once after the upgrade is lost and nothing overtakes {@code session.ready}.
 */
final class Connection {
  /** Bound on what may wait for session.ready (the frame rate limit keeps it far below). */
  private static final int MAX_HELD = 1000;

  private static final long SLOW_CONSUMER_GRACE_MILLIS = 2000;
  private final Vertx vertx;

  /** {@code <gateway node id>/<random>}: signaling tells from it whether the node is alive. */
  final String id;

  final ServerWebSocket socket;

  /** Netty's view of the socket, for what Vert.x does not expose: buffered bytes and reading. */
  private final ChannelHandlerContext channel;

  final String clientAddress;
  final FrameRate rate;

  /** Told once when this connection is dropped as a slow consumer (a metric). */
  private final Runnable onSlowConsumerDropped;

  private AccessToken token;
  private boolean ready;
  private boolean closed;
  private boolean closing;

  /** The code this side closed with, 0 while it has not (or the client closed first). */
  private short closeCode;

  private final Queue<String> heldEvents = new ArrayDeque<>();
  private final Queue<String> heldFrames = new ArrayDeque<>();
  private long expiryTimer = -1;

  /** Where this socket's set-up is, for the log when session.ready is slow. */
  String setUpStep = "waiting for a set-up slot";

  /** Ordered frames (sends) of this connection complete one after another, in arrival order. */
  Connection(
      Vertx vertx,
      String nodeId,
      ServerWebSocket socket,
      AccessToken token,
      String clientAddress,
      FrameRate rate,
      Runnable onSlowConsumerDropped) {
    this.vertx = vertx;
    this.id = nodeId + "/" + UUID.randomUUID();
    this.socket = socket;
    this.channel = ((WebSocketInternal) socket).channelHandlerContext();
    this.token = token;
    this.clientAddress = clientAddress;
    this.rate = rate;
    this.onSlowConsumerDropped = onSlowConsumerDropped;
  }

  String phone() {
    return token.phone();
  }

  AccessToken token() {
    return token;
  }

  boolean isReady() {
    return ready;
  }

  boolean isClosed() {
    return closed;
  }

  /** Replaces the token (in-band refresh) and re-arms the expiry timer. */
  void renew(AccessToken fresh) {
    this.token = fresh;
    armExpiry();
  }

  /** Closes with 4001 when the token expires unless a fresh one arrived by then. */
  void armExpiry() {
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    long delay = Math.max(1, token.expiresAtMillis() - System.currentTimeMillis());
    expiryTimer = vertx.setTimer(delay, t -> close(CloseCodes.TOKEN_INVALID, "token expired"));
  }

  /** Writes an event, or holds it until the connection is ready. */
  void deliver(String frame) {
    if (closed) {
      return;
    }
    if (ready) {
      send(frame);
    } else if (heldEvents.size() < MAX_HELD) {
      heldEvents.add(frame);
    } else {
      close(CloseCodes.POLICY, "too many events before the session was ready");
    }
  }

  /** Holds a frame from the client until ready; false once the connection is ready. */
  boolean holdIfNotReady(String frame) {
    if (ready) {
      return false;
    }
    if (heldFrames.size() < MAX_HELD) {
      heldFrames.add(frame);
    } else {
      close(CloseCodes.POLICY, "too many frames before the session was ready");
    }
    return true;
  }

  /** Writes session.ready, then the events and frames that waited for it. */
  Queue<String> becomeReady(String sessionReady) {
    socket.writeTextMessage(sessionReady);
    ready = true;
    while (!heldEvents.isEmpty()) {
      send(heldEvents.poll());
    }
    return heldFrames;
  }

  /**
   * Writes a frame, unless the client's backlog is already past the bound: then it is dropped as a
   * slow consumer. The check comes before the write, so no single frame we choose to send, of
   * whatever size, can make us drop a client that reads; the backlog stays under the bound plus one
   * frame.
   */
  void send(String frame) {
    if (closed || closing || socket.isClosed()) {
      return;
    }
    if (backedUp()) {
      dropSlowConsumer();
      return;
    }
    socket.writeTextMessage(frame);
  }

  /**
   * Whether the bytes written but not yet taken by the kernel passed WEILIAO_WS_MAX_BUFFER (the
   * channel's high water mark). Not {@code writeQueueFull()}: in Vert.x 5 that turns true only once
   * 16 more frames wait behind such a channel, which bounds the backlog in frames, not bytes.
   */
  private boolean backedUp() {
    return !channel.channel().isWritable();
  }

  /**
   * For every frame the client sends: when our output to it is backed up past the bound, it is
   * dropped as a slow consumer (reading on could only add PONGs and answers to the backlog).
   * Returns true when the frame is to be ignored: then, or once the connection is closing.
   */
  boolean stopReadingIfBackedUp() {
    if (!closing && !closed && !socket.isClosed() && backedUp()) {
      dropSlowConsumer();
    }
    return closing || closed;
  }

  /**
   * Stops reading (a PING is answered as it is read, so a flood must not be read on), queues the
   * close frame, and cuts the TCP connection if the client has not read its way to that frame
   * within {@link #SLOW_CONSUMER_GRACE_MILLIS}: a client that stopped reading never will, and
   * Vert.x's own close waits for a write that cannot complete.
   */
  private void dropSlowConsumer() {
    closing = true;
    closeCode = CloseCodes.POLICY;
    onSlowConsumerDropped.run();
    // Vert.x's pause() stops delivering frames but not reading them; only the channel can stop
    // that.
    channel.channel().config().setAutoRead(false);
    socket.close(CloseCodes.POLICY, "not reading fast enough");
    vertx.setTimer(SLOW_CONSUMER_GRACE_MILLIS, late -> channel.close());
  }

  /** Closes once; nothing more is written after the close frame. */
  void close(short code, String reason) {
    if (!closed && !closing && !socket.isClosed()) {
      closing = true;
      closeCode = code;
      socket.close(code, reason);
    }
  }

  /**
   * Closed by this side for what the client sent or failed to read (see {@link
   * CloseCodes#forCause}).
   */
  boolean closedForCause() {
    return CloseCodes.forCause(closeCode);
  }

  /**
   * Ended before session.ready with no close frame from either side: the client dropped the
   * connection during its set-up, or sent bytes before the upgrade's answer, which the HTTP codec
   * ends it for.
   */
  boolean droppedDuringSetUp() {
    Short received = socket.closeStatusCode();
    return !ready && closeCode == 0 && (received == null || received == CloseCodes.ABNORMAL);
  }

  void markClosed() {
    closed = true;
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
  }
}
