package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Errors;
import chat.weiliao.common.contract.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Sends requests to one service over the event bus. Failures come back as ApiException with the
 * contract's code whatever went wrong on the way (see {@link Errors#toApi}).
 */
public class ServiceClient {
  private final Vertx vertx;
  private final String address;
  private static final long RETRY_MILLIS = 200;
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
    return attempt(action, call, System.currentTimeMillis() + timeoutMillis, true);
  }

  /** One try within {@code timeoutMillis}, no retry: for health checks, which must answer fast. */
  public Future<JsonObject> askOnce(String action, BusCall call, long timeoutMillis) {
    return attempt(action, call, System.currentTimeMillis() + timeoutMillis, false)
        .map(Reply::body);
  }

  /**
   * NO_HANDLERS means no instance took the request (none registered, or the one chosen was
   * stopping), so nothing was done and trying again is safe for every action: it rides out a
   * rolling restart, including of a service's only instance, until the bus timeout.
   */
  private Future<Reply> attempt(String action, BusCall call, long deadline, boolean retry) {
    DeliveryOptions options =
        new DeliveryOptions()
            .addHeader(Addresses.ACTION_HEADER, action)
            .setSendTimeout(Math.max(1, deadline - System.currentTimeMillis()));
    long started = System.nanoTime();
    return vertx
        .eventBus()
        .<JsonObject>request(address, call.toJson(), options)
        .onComplete(
            done ->
                BusMetrics.record(address, action, done.succeeded(), System.nanoTime() - started))
        .map(
            message -> {
              String status = message.headers().get(Addresses.STATUS_HEADER);
              JsonObject body = message.body() == null ? new JsonObject() : message.body();
              return new Reply(status == null ? null : Integer.valueOf(status), body, null);
            })
        .recover(
            failure ->
                retry && notTaken(failure) && System.currentTimeMillis() + RETRY_MILLIS < deadline
                    ? vertx
                        .timer(RETRY_MILLIS)
                        .compose(tick -> attempt(action, call, deadline, true))
                    : Future.failedFuture(Errors.toApi(failure)));
  }

  private static boolean notTaken(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /**
   * Sends without waiting for an answer (a bus {@code send}, no reply expected): for side effects
   * such as pushes that must never delay, fail or reorder the caller's own work. At most once, like
   * every bus delivery.
   */
  public void tell(String action, BusCall call) {
    vertx
        .eventBus()
        .send(
            address,
            call.toJson(),
            new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action));
  }

  /** A typed action: {@code call} says who asks, {@code request} is the body. */
  public <Q extends Record, R extends Record> Future<R> ask(
      BusAction<Q, R> action, BusCall call, Q request) {
    return ask(action.name(), call.body(ContractJson.encode(request)))
        .map(body -> ContractJson.decode(action.reply(), body));
  }

  /**
   * A typed action tried once within {@code timeoutMillis}, as {@link #askOnce(String, BusCall,
   * long)}.
   */
  public <Q extends Record, R extends Record> Future<R> askOnce(
      BusAction<Q, R> action, BusCall call, Q request, long timeoutMillis) {
    return askOnce(action.name(), call.body(ContractJson.encode(request)), timeoutMillis)
        .map(body -> ContractJson.decode(action.reply(), body));
  }

  /** A typed action sent without waiting for its reply, as {@link #tell(String, BusCall)}. */
  public <Q extends Record> void tell(BusAction<Q, ?> action, BusCall call, Q request) {
    tell(action.name(), call.body(ContractJson.encode(request)));
  }

  /** The reply body alone, for service-to-service calls. */
  public Future<JsonObject> ask(String action, BusCall call) {
    return call(action, call).map(Reply::body);
  }
}
