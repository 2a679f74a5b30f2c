package chat.weiliao.common.bus;

import java.util.List;

/**
 * One action of a service's bus API with its request and reply records: the service registers a
 * handler that takes the request and answers the reply ({@link BusEndpoint#on(BusAction,
 * BusEndpoint.TypedHandler)}), callers ask with the request and get the reply ({@link
 * ServiceClient#ask(BusAction, BusCall, Record)}). On the wire both are the JSON objects {@link
 * chat.weiliao.common.contract.ContractJson} writes, so nodes of one version and the next
 * understand each other during a rolling upgrade as long as the fields agree.
 */
public record BusAction<Q extends Record, R extends Record>(
    String name, Class<Q> request, Class<R> reply) {
  public static <Q extends Record, R extends Record> BusAction<Q, R> of(
      String name, Class<Q> request, Class<R> reply) {
    return new BusAction<>(name, request, reply);
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
