package chat.weiliao.gateway.http;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Envelope;
import chat.weiliao.common.auth.AccessToken;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.Reply;
import chat.weiliao.common.bus.ServiceClient;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The one piece of HTTP plumbing: turns a request into a bus call to a service action (caller,
 * login, client address, path and query parameters, JSON body) and the reply into a response, with
 * the route's status unless the service names another. Failures become contract errors.
 */
public final class BusRoute {
  private final ClientAddress clientAddress;

  public BusRoute(ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
  }

  public Handler<RoutingContext> to(ServiceClient service, String action, int status) {
    return ctx -> {
      BusCall call;
      try {
        call = callOf(ctx);
      } catch (ApiException invalid) {
        HttpErrors.write(ctx, invalid);
        return;
      }
      service
          .call(action, call)
          .onSuccess(reply -> respond(ctx, reply, status))
          .onFailure(failure -> HttpErrors.write(ctx, failure));
    };
  }

  private BusCall callOf(RoutingContext ctx) {
    BusCall call =
        BusCall.of(jsonBody(ctx))
            .ip(clientAddress.of(ctx.request().remoteAddress(), ctx.request().headers()));
    AccessToken token = HttpAuth.token(ctx);
    if (token != null) {
      call.caller(token.phone()).session(token.sessionId());
    }
    for (Map.Entry<String, String> param : ctx.queryParams()) {
      call.param(param.getKey(), param.getValue());
    }
    ctx.pathParams().forEach(call::param);
    return call;
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    return Envelope.body(ctx.body() == null ? null : ctx.body().buffer());
  }

  private static void respond(RoutingContext ctx, Reply reply, int defaultStatus) {
    int status = reply.status() == null ? defaultStatus : reply.status();
    if (status == 204) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(reply.body().encode());
  }
}
