package chat.weiliao.common;

import io.vertx.core.json.JsonObject;

/**
 * A failure the client is allowed to see: a contract code and a human message. It carries no stack
 * trace because it is an expected outcome, not a bug.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final Integer retryAfterSeconds;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ApiException(ErrorCode code, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ErrorCode code() {
    return code;
  }

  /** Seconds a RATE_LIMITED caller should wait, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("code", code.name()).put("message", getMessage());
    if (retryAfterSeconds != null) {
      json.put("retryAfter", retryAfterSeconds);
    }
    return json;
  }

  public static ApiException fromJson(JsonObject json) {
    return new ApiException(
        ErrorCode.valueOf(json.getString("code")),
        json.getString("message"),
        json.getInteger("retryAfter"));
  }

  public static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static ApiException unauthenticated(String message) {
    return new ApiException(ErrorCode.UNAUTHENTICATED, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(ErrorCode.FORBIDDEN, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ErrorCode.NOT_FOUND, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(ErrorCode.CONFLICT, message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, message);
  }

  public static ApiException rateLimited(String message, int retryAfterSeconds) {
    return new ApiException(ErrorCode.RATE_LIMITED, message, Math.max(1, retryAfterSeconds));
  }

  public static ApiException unavailable(String message) {
    return new ApiException(ErrorCode.UNAVAILABLE, message);
  }
}
