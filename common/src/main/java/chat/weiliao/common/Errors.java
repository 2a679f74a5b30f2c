package chat.weiliao.common;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where any failure becomes a contract error. Expected failures keep their code;
 * anything else is logged with a correlation id and reaches the client as INTERNAL quoting only
 * that id, so no stack trace, class name or database text ever leaves the server.
 */
public final class Errors {
  private static final Logger log = LoggerFactory.getLogger(Errors.class);

  /** ReplyException failure code that marks a JSON-encoded ApiException in the message. */
  private static final int API_FAILURE = 4000;

  private Errors() {}

  /** Turns any failure into an ApiException a client may see. */
  public static ApiException toApi(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureCode() == API_FAILURE) {
        try {
          return ApiException.fromJson(new JsonObject(reply.getMessage()));
        } catch (RuntimeException undecodable) {
          return internal(reply);
        }
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS
          || reply.failureType() == ReplyFailure.TIMEOUT) {
        log.warn("bus request failed: {}", reply.getMessage());
        return ApiException.unavailable("A backing service is not answering; try again");
      }
    }
    if (failure instanceof DecodeException) {
      return ApiException.invalid("Malformed JSON");
    }
    if (isStoreOutage(failure)) {
      log.warn("store unavailable: {}", failure.toString());
      return ApiException.unavailable("A backing store is not answering; try again");
    }
    return internal(failure);
  }

  /** Turns any failure into the ReplyException a bus handler fails its message with. */
  public static ReplyException toReply(Throwable failure) {
    ApiException api = toApi(failure);
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, API_FAILURE, api.toJson().encode());
  }

  /** A store that cannot be reached (not one that answered with an error): safe to retry. */
  private static boolean isStoreOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof com.mongodb.MongoSocketException
          || cause instanceof com.mongodb.MongoTimeoutException
          || cause instanceof java.net.ConnectException) {
        return true;
      }
      String message = String.valueOf(cause.getMessage());
      if (cause.getClass().getName().startsWith("io.vertx.redis")
          && (message.contains("CONNECTION_CLOSED")
              || message.contains("Connection refused")
              || message.contains("Connection is closed"))) {
        return true;
      }
    }
    return false;
  }

  private static ApiException internal(Throwable failure) {
    String correlationId = UUID.randomUUID().toString();
    log.error("internal error, correlation id {}", correlationId, failure);
    return new ApiException(ErrorCode.INTERNAL, "Internal error, correlation id " + correlationId);
  }
}
