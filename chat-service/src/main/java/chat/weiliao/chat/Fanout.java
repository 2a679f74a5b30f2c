package chat.weiliao.chat;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.contract.ClientEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;

/**
 * Publishes conversation events to members' {@code user.<phone>} addresses, the frame encoded once.
 * The connection that caused an event can be left out (it has its ack instead). Only gateways with
 * a socket of a member listen, so offline members cost nothing.
 */
final class Fanout {
  private final Vertx vertx;

  Fanout(Vertx vertx) {
    this.vertx = vertx;
  }

  /** To every connection of every member, except {@code exceptConnection} of {@code actor}. */
  <P extends Record> void toMembers(
      JsonArray members, ClientEvent<P> event, P payload, String actor, String exceptConnection) {
    String frame = event.frame(payload);
    for (Object member : members) {
      String phone = (String) member;
      if (phone.equals(actor) && exceptConnection != null) {
        Events.publishTo(vertx, phone, frame, Addresses.EXCEPT_CONNECTION_HEADER, exceptConnection);
      } else {
        vertx.eventBus().publish(Addresses.user(phone), frame);
      }
    }
  }

  /** To every member except the actor. */
  <P extends Record> void toOthers(
      JsonArray members, ClientEvent<P> event, P payload, String actor) {
    String frame = event.frame(payload);
    for (Object member : members) {
      if (!member.equals(actor)) {
        vertx.eventBus().publish(Addresses.user((String) member), frame);
      }
    }
  }
}
