package chat.weiliao.gateway.http;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.Errors;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes every HTTP failure as the contract's error body; nothing internal reaches the client. */
public final class HttpErrors {
  private HttpErrors() {}

  /** Failure handler for the whole router. */
  public static void handle(RoutingContext ctx) {
    write(ctx, toApi(ctx));
  }

  public static void write(RoutingContext ctx, Throwable failure) {
    write(ctx, Errors.toApi(failure));
  }

  public static void write(RoutingContext ctx, ApiException error) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    if (error.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", error.retryAfterSeconds().toString());
    }
    JsonObject body =
        new JsonObject()
            .put(
                "error",
                new JsonObject()
                    .put("code", error.code().name())
                    .put("message", error.getMessage()));
    response
        .setStatusCode(error.code().httpStatus())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  private static ApiException toApi(RoutingContext ctx) {
    if (ctx.failure() != null) {
      return Errors.toApi(ctx.failure());
    }
    return switch (ctx.statusCode()) {
      case 400 -> ApiException.invalid("Bad request");
      case 401 -> ApiException.unauthenticated("Sign in first");
      case 403 -> ApiException.forbidden("Not allowed");
      case 404 -> ApiException.notFound("No such resource");
      case 405 -> new ApiException(ErrorCode.NOT_FOUND, "No such route for this method");
      case 413 -> ApiException.tooLarge("Request body is too large");
      default -> Errors.toApi(new IllegalStateException("HTTP failure " + ctx.statusCode()));
    };
  }
}
