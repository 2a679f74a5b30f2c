package chat.weiliao.user;

import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Gateways report a user's first and last socket per node; contacts hear when that changes online-ness. */
final class PresenceHandlers {
  private final Vertx vertx;
  private final Presence presence;
  private final ContactStore contacts;

  PresenceHandlers(Vertx vertx, Presence presence, ContactStore contacts) {
    this.vertx = vertx;
    this.presence = presence;
    this.contacts = contacts;
  }

  Future<?> online(BusCall call) {
    String phone = call.caller();
    return presence.online(phone, node(call)).compose(changed -> announce(phone, changed,
        new JsonObject().put("phone", phone).put("online", true).putNull("lastSeen")));
  }

  Future<?> offline(BusCall call) {
    String phone = call.caller();
    return presence.offline(phone, node(call)).compose(changed -> announce(phone, changed,
        new JsonObject().put("phone", phone).put("online", false).put("lastSeen", System.currentTimeMillis())));
  }

  Future<?> check(BusCall call) {
    String phone = Validation.phone(call.body(), "phone");
    return presence.states(java.util.List.of(phone)).map(states -> new JsonObject()
        .put("online", states.get(0).getBoolean("online")));
  }

  private Future<Reply> announce(String phone, boolean changed, JsonObject payload) {
    if (!changed) {
      return Future.succeededFuture(Reply.empty());
    }
    return contacts.contactsOf(phone).map(list -> Reply.empty().then(() -> {
      String frame = Events.frame(ClientEvents.PRESENCE, payload);
      Events.publish(vertx, list.stream().map(contact -> contact.getString("peer")).toList(), frame);
    }));
  }

  private static String node(BusCall call) {
    return Validation.string(call.body(), "node", 1, 64);
  }
}
