package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Sends requests to one service over the event bus. Failures come back as ApiException with the
 * contract's code whatever went wrong on the way (see {@link Errors#toApi}).
 */
public class ServiceClient {
  private final Vertx vertx;
  private final String address;
  private final long timeoutMillis;

  public ServiceClient(Vertx vertx, String address, long timeoutMillis) {
    this.vertx = vertx;
    this.address = address;
    this.timeoutMillis = timeoutMillis;
  }

  public String address() {
    return address;
  }

  public Future<Reply> call(String action, BusCall call) {
    DeliveryOptions options = new DeliveryOptions()
        .addHeader(Addresses.ACTION_HEADER, action)
        .setSendTimeout(timeoutMillis);
    long started = System.nanoTime();
    return vertx.eventBus().<JsonObject>request(address, call.toJson(), options)
        .onComplete(done -> BusMetrics.record(address, action, done.succeeded(), System.nanoTime() - started))
        .map(message -> {
          String status = message.headers().get(Addresses.STATUS_HEADER);
          JsonObject body = message.body() == null ? new JsonObject() : message.body();
          return new Reply(status == null ? null : Integer.valueOf(status), body, null);
        })
        .recover(failure -> Future.failedFuture(Errors.toApi(failure)));
  }

  /** The reply body alone, for service-to-service calls. */
  public Future<JsonObject> ask(String action, BusCall call) {
    return call(action, call).map(Reply::body);
  }
}
