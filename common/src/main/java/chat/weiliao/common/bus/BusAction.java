package chat.weiliao.common.bus;

import chat.weiliao.common.contract.ContractJson;
import chat.weiliao.common.contract.Wire;
import java.util.List;
import java.util.function.Function;

/**
 * One action of a service's bus API with its request and reply records: the service registers a
 * handler that takes the request and answers the reply ({@link BusEndpoint#on(BusAction,
 * BusEndpoint.TypedHandler)}), callers ask with the request and get the reply ({@link
 * ServiceClient#ask(BusAction, BusCall, Record)}). On the wire both are the JSON objects {@link
 * chat.weiliao.common.contract.ContractJson} writes, so nodes of one version and the next
 * understand each other during a rolling upgrade as long as the fields agree.
 */
public record BusAction<Q extends Record, R extends Record>(
    String name, Function<BusCall, Q> reader, Class<R> reply) {
  /** A service-to-service action: its request is the JSON another service of ours wrote. */
  public static <Q extends Record, R extends Record> BusAction<Q, R> of(
      String name, Class<Q> request, Class<R> reply) {
    return new BusAction<>(name, call -> ContractJson.decode(request, call.body()), reply);
  }

  /**
   * A client-facing action (an HTTP route or a frame): {@code reader} reads the request from the
   * client's body and the route's path and query parameters, and refuses a missing, ill-typed or
   * out-of-range field with the contract's INVALID_ARGUMENT, before the handler runs.
   */
  public static <Q extends Record, R extends Record> BusAction<Q, R> fromClient(
      String name, Function<BusCall, Q> reader, Class<R> reply) {
    return new BusAction<>(name, reader, reply);
  }

  /**
   * The reply class of an action that answers one contract object as the service built it (a
   * moment, a comment): its JSON is that object.
   */
  @SuppressWarnings("unchecked")
  public static <T> Class<Wire<T>> wire() {
    return (Class<Wire<T>>) (Class<?>) Wire.class;
  }

  /** A request or reply with nothing in it (who asks travels with the call, not the body). */
  public record Empty() {
    public static final Empty VALUE = new Empty();
  }

  /** Phone numbers: whom a request is about, or who answers to a question. */
  public record Phones(List<String> phones) {}

  /** One phone number: whom a question is about. */
  public record Phone(String phone) {}
}
