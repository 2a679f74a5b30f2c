package chat.weiliao.common.testing;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.ApiException;
import chat.weiliao.common.Errors;
import chat.weiliao.common.bus.BusAction;
import chat.weiliao.common.bus.BusCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A neighbour of the service under test, stubbed on its bus address: it records each request by its
 * action header and answers as the test told it, through the same contract error encoding a real
 * service uses. An action it was not told about fails INTERNAL, so a request nobody expected shows
 * up in the test instead of passing silently.
 */
public final class StubService implements AutoCloseable {
  private final Map<String, Function<BusCall, Future<JsonObject>>> answers =
      new ConcurrentHashMap<>();
  private final Mailbox<Asked> asked = new Mailbox<>();
  private final MessageConsumer<JsonObject> consumer;

  private record Asked(String action, BusCall call) {}

  private StubService(Vertx vertx, String address) {
    consumer = vertx.eventBus().consumer(address, this::answer);
  }

  /**
   * A stub on {@code address} (e.g. {@link Addresses#CHAT_SERVICE}), registered once this returns.
   */
  static StubService at(Vertx vertx, String address) throws Exception {
    StubService stub = new StubService(vertx, address);
    stub.consumer.completion().await(10, TimeUnit.SECONDS);
    return stub;
  }

  /** Answers {@code action} with this body (a copy each time). */
  public StubService answer(String action, JsonObject body) {
    return answer(action, call -> Future.succeededFuture(body.copy()));
  }

  public StubService answer(String action, Function<BusCall, Future<JsonObject>> answer) {
    answers.put(action, answer);
    return this;
  }

  /**
   * Fails {@code action} as a real service fails one, e.g. with {@link ApiException#unavailable}.
   */
  public StubService fail(String action, ApiException failure) {
    return answer(action, call -> Future.failedFuture(failure));
  }

  /** The next request for {@code action}, awaited. */
  public BusCall next(String action) {
    return asked.take(request -> request.action().equals(action), action + " request").call();
  }

  /**
   * A typed action, answered with plain JSON as a service of another version might: what the caller
   * decodes from it is then part of what the test checks.
   */
  public StubService answer(BusAction<?, ?> action, JsonObject body) {
    return answer(action.name(), body);
  }

  public StubService answer(BusAction<?, ?> action, Function<BusCall, Future<JsonObject>> answer) {
    return answer(action.name(), answer);
  }

  public StubService fail(BusAction<?, ?> action, ApiException failure) {
    return fail(action.name(), failure);
  }

  public BusCall next(BusAction<?, ?> action) {
    return next(action.name());
  }

  @Override
  public void close() throws Exception {
    consumer.unregister().await(10, TimeUnit.SECONDS);
  }

  private void answer(Message<JsonObject> message) {
    String action = message.headers().get(Addresses.ACTION_HEADER);
    BusCall call = new BusCall(message.body());
    asked.add(new Asked(action, call));
    Function<BusCall, Future<JsonObject>> answer =
        answers.getOrDefault(
            action,
            unexpected ->
                Future.failedFuture(
                    new IllegalStateException("the stub was not told to answer " + action)));
    answer
        .apply(call)
        .onSuccess(message::reply)
        .onFailure(
            failure -> {
              ReplyException reply = Errors.toReply(failure);
              message.fail(reply.failureCode(), reply.getMessage());
            });
  }
}
