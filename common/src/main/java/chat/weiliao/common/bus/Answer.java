package chat.weiliao.common.bus;

/**
 * A handler's answer: the reply, rarely an HTTP status that overrides the route's default, and
 * optionally work to run once it is on its way (events: store, reply, publish). {@link BusEndpoint}
 * sends it as a {@link Reply}.
 */
public record Answer<R extends Record>(Integer status, R reply, Runnable afterReply) {
  public static <R extends Record> Answer<R> of(R reply) {
    return new Answer<>(null, reply, null);
  }

  /** An answer whose HTTP status is {@code status}, not the route's. */
  public static <R extends Record> Answer<R> withStatus(int status, R reply) {
    return new Answer<>(status, reply, null);
  }

  public static Answer<BusAction.Empty> empty() {
    return of(BusAction.Empty.VALUE);
  }

  /** The same answer, running {@code publish} right after it is sent. */
  public Answer<R> then(Runnable publish) {
    return new Answer<>(status, reply, publish);
  }
}
