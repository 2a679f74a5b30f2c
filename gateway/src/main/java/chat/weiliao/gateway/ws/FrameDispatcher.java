package chat.weiliao.gateway.ws;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Envelope;
import chat.weiliao.common.Errors;
import chat.weiliao.common.Validation;
import chat.weiliao.common.async.SerialQueue;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.ServiceClient;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.contract.EventPayloads.PongPayload;
import chat.weiliao.gateway.http.TokenGate;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Reads one client frame: checks the envelope, answers {@code ping} and {@code auth} here, and
 * forwards every other known type to the service that owns it, answering with {@code ack} or {@code
 * error} when the frame has an id. A bad frame gets an error and the socket stays open.
 */
final class FrameDispatcher {
  /** Frame types whose effects must keep the order in which one connection sent them. */
  private static final Set<String> ORDERED =
      Set.of("message.send", "message.recall", "message.read");

  /**
   * Ordered frames one connection may have waiting; past it, a send is refused rather than queued.
   */
  private static final int MAX_ORDERED_PENDING = 200;

  private final TokenGate tokens;
  private final ChatApi chat;
  private final SignalingApi signaling;

  /** The ordered frames of each connection, by connection id. */
  private final SerialQueue<String> ordered = new SerialQueue<>();

  FrameDispatcher(TokenGate tokens, ChatApi chat, SignalingApi signaling) {
    this.tokens = tokens;
    this.chat = chat;
    this.signaling = signaling;
  }

  /** The frame's id when it has a readable one, for answering a frame that is not processed. */
  static String idOf(String text) {
    return Envelope.parse(text).id();
  }

  void dispatch(Connection connection, String text) {
    Envelope frame = Envelope.parse(text);
    if (frame.error() != null) {
      connection.send(Frames.error(frame.id(), frame.error()));
      return;
    }
    try {
      handle(connection, frame.type(), frame.id(), frame.payload());
    } catch (ApiException invalid) {
      connection.send(Frames.error(frame.id(), invalid));
    }
  }

  private void handle(Connection connection, String type, String id, JsonObject payload) {
    switch (type) {
      case "ping" ->
          connection.send(ClientEvents.PONG.frame(id, new PongPayload(System.currentTimeMillis())));
      case "auth" -> answer(connection, id, renew(connection, payload));
      default -> forward(connection, type, id, payload);
    }
  }

  private Future<JsonObject> renew(Connection connection, JsonObject payload) {
    String token = Validation.string(payload, "token", 1, 4096);
    return tokens
        .verify(connection.clientAddress, token)
        .map(
            fresh -> {
              if (!fresh.phone().equals(connection.phone())) {
                throw ApiException.unauthenticated("The token belongs to another user");
              }
              connection.renew(fresh);
              return new JsonObject().put("expiresAt", fresh.expiresAtMillis());
            });
  }

  private void forward(Connection connection, String type, String id, JsonObject payload) {
    ServiceClient service =
        ChatApi.FRAME_TYPES.contains(type)
            ? chat
            : SignalingApi.FRAME_TYPES.contains(type) ? signaling : null;
    if (service == null) {
      throw ApiException.invalid("Unknown frame type " + type);
    }
    BusCall call =
        BusCall.by(connection.phone(), payload)
            .session(connection.token().sessionId())
            .connection(connection.id)
            .ip(connection.clientAddress);
    if (ORDERED.contains(type)) {
      if (ordered.waiting(connection.id) >= MAX_ORDERED_PENDING) {
        throw ApiException.rateLimited("Too many sends waiting; wait for their acks", 1);
      }
      answer(connection, id, ordered.submit(connection.id, () -> service.ask(type, call)));
    } else {
      answer(connection, id, service.ask(type, call));
    }
  }

  private static void answer(Connection connection, String id, Future<JsonObject> result) {
    result.onComplete(
        done -> {
          if (id == null) {
            return;
          }
          connection.send(
              done.succeeded()
                  ? Frames.ack(id, done.result())
                  : Frames.error(id, Errors.toApi(done.cause())));
        });
  }
}
