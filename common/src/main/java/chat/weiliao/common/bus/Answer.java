package chat.weiliao.common.bus;

/**
 * A typed handler's answer: the reply, and optionally work to run once it is on its way (events:
 * store, reply, publish), as {@link Reply} is for the untyped ones.
 */
public record Answer<R extends Record>(R reply, Runnable afterReply) {
  public static <R extends Record> Answer<R> of(R reply) {
    return new Answer<>(reply, null);
  }

  public static Answer<BusAction.Empty> empty() {
    return of(BusAction.Empty.VALUE);
  }

  /** An empty answer that runs what an untyped reply would have run after it. */
  public static Answer<BusAction.Empty> emptyAfter(Reply reply) {
    return new Answer<>(BusAction.Empty.VALUE, reply.afterReply());
  }

  /** The same answer, running {@code publish} right after it is sent. */
  public Answer<R> then(Runnable publish) {
    return new Answer<>(reply, publish);
  }
}
