package chat.weiliao.common.node;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.BusEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A service node's own health on a port of its own ({@code GET /health}): 200 when this very node's
 * {@link BusEndpoint} answers {@value BusEndpoint#HEALTH} (its stores answer it), 503 otherwise.
 * The request is local-only, so another node of the same service never answers for this one.
 * Supervisors (compose's healthcheck, the local topology tool, the tests' clusters) read readiness
 * here. The gateway needs none: its HTTP port has the cluster-wide /health.
 */
public final class HealthServer extends VerticleBase {
  /** Shorter than any prober's timeout (compose: 3 s), so a stuck store reads 503, not a hang. */
  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final String serviceAddress;
  private final String host;
  private final int port;

  public HealthServer(String serviceAddress, String host, int port) {
    this.serviceAddress = serviceAddress;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, host);
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET || !"/health".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    askOwnEndpoint()
        .onComplete(
            checked ->
                request
                    .response()
                    .setStatusCode(checked.succeeded() ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(
                        new JsonObject()
                            .put("status", checked.succeeded() ? "UP" : "DOWN")
                            .encode()));
  }

  private Future<?> askOwnEndpoint() {
    DeliveryOptions options =
        new DeliveryOptions()
            .setLocalOnly(true)
            .setSendTimeout(CHECK_TIMEOUT_MS)
            .addHeader(Addresses.ACTION_HEADER, BusEndpoint.HEALTH.name());
    return vertx.eventBus().request(serviceAddress, new JsonObject(), options);
  }
}
