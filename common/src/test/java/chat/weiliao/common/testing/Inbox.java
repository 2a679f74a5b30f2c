package chat.weiliao.common.testing;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.contract.ClientEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * What one user's connections would be sent: every event published to {@code user.<phone>}, as a
 * gateway receives it (the encoded frame and the delivery headers that pick connections).
 */
public final class Inbox implements AutoCloseable {
  private final String phone;
  private final Mailbox<Event> events = new Mailbox<>();
  private final MessageConsumer<String> consumer;

  /** One event: a client frame, or a control message for the gateway (its name as the type). */
  public record Event(String body, MultiMap headers) {
    public String type() {
      String control = headers.get(Events.CONTROL_HEADER);
      return control != null ? control : new JsonObject(body).getString("type");
    }

    public JsonObject payload() {
      return new JsonObject(body).getJsonObject("payload");
    }

    /** The connection this event is only for, if any. */
    public String onlyConnection() {
      return headers.get(Addresses.ONLY_CONNECTION_HEADER);
    }

    /** The connection this event skips, if any. */
    public String exceptConnection() {
      return headers.get(Addresses.EXCEPT_CONNECTION_HEADER);
    }

    @Override
    public String toString() {
      return body + " " + headers.entries();
    }
  }

  private Inbox(Vertx vertx, String phone) {
    this.phone = phone;
    consumer =
        vertx
            .eventBus()
            .consumer(
                Addresses.user(phone),
                message -> events.add(new Event(message.body(), message.headers())));
  }

  /** Listens from now on, registered once this returns. */
  static Inbox of(Vertx vertx, String phone) throws Exception {
    Inbox inbox = new Inbox(vertx, phone);
    inbox.consumer.completion().await(10, TimeUnit.SECONDS);
    return inbox;
  }

  /** The next event of this type, awaited; events of other types stay for later. */
  public Event next(String type) {
    return events.take(event -> event.type().equals(type), type + " for " + phone);
  }

  public Event next(ClientEvent<?> event) {
    return next(event.type());
  }

  @Override
  public void close() throws Exception {
    consumer.unregister().await(10, TimeUnit.SECONDS);
  }
}
