package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Errors;
import chat.weiliao.common.contract.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A service's side of the bus: one consumer on the service address that dispatches on the action
 * header to a handler and replies with its result or with its failure as a contract error. Every
 * service answers {@value #HEALTH} with the state of its own stores.
 */
public final class BusEndpoint {
  /** Answers once the service's own stores answer ({@link #health}); every service has it. */
  public static final BusAction<BusAction.Empty, BusAction.Empty> HEALTH =
      BusAction.of("health", BusAction.Empty.class, BusAction.Empty.class);

  private final Vertx vertx;
  private final String address;
  private final Map<String, Function<BusCall, Future<Reply>>> handlers = new HashMap<>();
  private static final long DRAIN_MILLIS = 5_000;
  private static final long LINGER_MILLIS = 2_000;
  private MessageConsumer<JsonObject> consumer;

  /** Requests taken and not yet answered (all on this verticle's event loop). */
  private int inProgress;

  public BusEndpoint(Vertx vertx, String address) {
    this.vertx = vertx;
    this.address = address;
  }

  /** A typed action's handler: the call (who asks, from where) and its request, to its answer. */
  @FunctionalInterface
  public interface TypedHandler<Q extends Record, R extends Record> {
    Future<Answer<R>> handle(BusCall call, Q request);
  }

  /** Declares the handler of a typed action: the request decoded, the answer encoded. */
  public <Q extends Record, R extends Record> BusEndpoint on(
      BusAction<Q, R> action, TypedHandler<Q, R> handler) {
    handlers.put(
        action.name(),
        call ->
            handler
                .handle(call, action.reader().apply(call))
                .map(
                    answer ->
                        new Reply(
                            answer.status(),
                            ContractJson.encode(answer.reply()),
                            answer.afterReply())));
    return this;
  }

  /**
   * Declares the service's {@link #HEALTH} check: it succeeds once {@code stores} does (a ping of
   * each store the service needs). Without one, the endpoint answers as soon as it listens.
   */
  public BusEndpoint health(Supplier<Future<?>> stores) {
    return on(HEALTH, (call, nothing) -> stores.get().map(Answer.empty()));
  }

  public Future<Void> start() {
    if (!handlers.containsKey(HEALTH.name())) {
      health(Future::succeededFuture);
    }
    consumer = vertx.eventBus().consumer(address, this::dispatch);
    return consumer.completion();
  }

  /**
   * Stops taking requests, then waits (at most {@link #DRAIN_MILLIS}) for the ones in progress to
   * reply, so a rolling restart answers everything it accepted. A request that reaches this node
   * after the unregistration fails with NO_HANDLERS, which {@link ServiceClient} retries elsewhere.
   */
  public Future<Void> stop() {
    if (consumer == null) {
      return Future.succeededFuture();
    }
    long now = System.currentTimeMillis();
    return consumer
        .unregister()
        .compose(unregistered -> drained(now + LINGER_MILLIS, now + DRAIN_MILLIS));
  }

  /**
   * Until nothing is in progress, but at least until the linger has passed: other nodes learn of
   * the unregistration a moment later, and what they send meanwhile must find this node still here
   * to answer NO_HANDLERS (which they retry), not a closed port (which times out).
   */
  private Future<Void> drained(long lingerUntil, long deadline) {
    long now = System.currentTimeMillis();
    if ((inProgress == 0 && now >= lingerUntil) || now > deadline) {
      return Future.succeededFuture();
    }
    return vertx.timer(20).compose(tick -> drained(lingerUntil, deadline));
  }

  private void dispatch(Message<JsonObject> message) {
    String action = message.headers().get(Addresses.ACTION_HEADER);
    Function<BusCall, Future<Reply>> handler = handlers.get(action);
    if (handler == null) {
      fail(message, new IllegalStateException(address + " has no action " + action));
      return;
    }
    Future<Reply> result;
    try {
      result =
          handler.apply(new BusCall(message.body() == null ? new JsonObject() : message.body()));
    } catch (RuntimeException failure) {
      result = Future.failedFuture(failure);
    }
    inProgress++;
    result.onComplete(
        done -> {
          inProgress--;
          if (done.failed()) {
            fail(message, done.cause());
          } else {
            answer(message, done.result());
          }
        });
  }

  private static void answer(Message<JsonObject> message, Reply reply) {
    DeliveryOptions options = new DeliveryOptions();
    if (reply.status() != null) {
      options.addHeader(Addresses.STATUS_HEADER, reply.status().toString());
    }
    message.reply(reply.body(), options);
    if (reply.afterReply() != null) {
      reply.afterReply().run();
    }
  }

  private static void fail(Message<JsonObject> message, Throwable failure) {
    ReplyException reply = Errors.toReply(failure);
    message.fail(reply.failureCode(), reply.getMessage());
  }
}
