package chat.weiliao.gateway.http;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.auth.AccessToken;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Requires {@code Authorization: Bearer <accessToken>} and puts the verified token on the context.
 */
public final class HttpAuth implements Handler<RoutingContext> {
  static final String TOKEN = "accessToken";
  private final TokenGate gate;
  private final ClientAddress clientAddress;

  public HttpAuth(TokenGate gate, ClientAddress clientAddress) {
    this.gate = gate;
    this.clientAddress = clientAddress;
  }

  public static AccessToken token(RoutingContext ctx) {
    return ctx.get(TOKEN);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      HttpErrors.write(ctx, ApiException.unauthenticated("Missing bearer token"));
      return;
    }
    String address = clientAddress.of(ctx.request().remoteAddress(), ctx.request().headers());
    gate.verify(address, header.substring(7).trim())
        .onSuccess(
            token -> {
              ctx.put(TOKEN, token);
              ctx.next();
            })
        .onFailure(failure -> HttpErrors.write(ctx, failure));
  }
}
