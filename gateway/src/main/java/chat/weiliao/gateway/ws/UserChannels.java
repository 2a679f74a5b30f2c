package chat.weiliao.gateway.ws;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.Events;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users with sockets on this gateway. Each such user has exactly one event-bus consumer at
 * {@code user.<phone>}, registered with their first socket here and removed with their last, and
 * every event it receives is fanned out to that user's sockets on this node.
 */
final class UserChannels {
  private final Vertx vertx;
  private final PresenceReporter presence;
  private final Map<String, Channel> channels = new HashMap<>();

  private static final class Channel {
    final MessageConsumer<Object> consumer;
    final Map<String, Connection> connections = new LinkedHashMap<>();

    Channel(MessageConsumer<Object> consumer) {
      this.consumer = consumer;
    }
  }

  UserChannels(Vertx vertx, PresenceReporter presence) {
    this.vertx = vertx;
    this.presence = presence;
  }

  /** Adds the socket; completes once this node surely receives the user's events. */
  Future<Void> attach(Connection connection) {
    Channel channel = channels.get(connection.phone());
    if (channel == null) {
      String phone = connection.phone();
      channel =
          new Channel(
              vertx.eventBus().consumer(Addresses.user(phone), message -> fanOut(phone, message)));
      channels.put(phone, channel);
      channel.consumer.completion().onSuccess(subscribed -> presence.online(phone));
    }
    channel.connections.put(connection.id, connection);
    return channel.consumer.completion();
  }

  /**
   * Removes the socket; the last one of a user takes the consumer with it. Returns whether it was
   * last.
   */
  boolean detach(Connection connection) {
    Channel channel = channels.get(connection.phone());
    if (channel == null || channel.connections.remove(connection.id) == null) {
      return false;
    }
    if (channel.connections.isEmpty()) {
      channels.remove(connection.phone());
      channel.consumer.unregister();
      presence.offline(connection.phone());
      return true;
    }
    return false;
  }

  int users() {
    return channels.size();
  }

  int connections() {
    return channels.values().stream().mapToInt(channel -> channel.connections.size()).sum();
  }

  Collection<Connection> all() {
    List<Connection> all = new ArrayList<>();
    channels.values().forEach(channel -> all.addAll(channel.connections.values()));
    return all;
  }

  private void fanOut(String phone, Message<Object> message) {
    Channel channel = channels.get(phone);
    if (channel == null) {
      return;
    }
    MultiMap headers = message.headers();
    if (Events.REVOKE_SESSION.equals(headers.get(Events.CONTROL_HEADER))) {
      revoke(channel, String.valueOf(message.body()));
      return;
    }
    String only = headers.get(Addresses.ONLY_CONNECTION_HEADER);
    String except = headers.get(Addresses.EXCEPT_CONNECTION_HEADER);
    String frame = String.valueOf(message.body());
    for (Connection connection : List.copyOf(channel.connections.values())) {
      if ((only == null || only.equals(connection.id)) && !connection.id.equals(except)) {
        connection.deliver(frame);
      }
    }
  }

  private static void revoke(Channel channel, String sessionId) {
    for (Connection connection : List.copyOf(channel.connections.values())) {
      if (connection.token().sessionId().equals(sessionId)) {
        connection.close(CloseCodes.TOKEN_INVALID, "signed out");
      }
    }
  }
}
