package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.Reply;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Friendship with consent: requests, accept and decline, the contact list, remarks, deletion.
 * Each change is stored first; the events to both sides go out after the reply.
 */
final class ContactHandlers {
  private final Vertx vertx;
  private final UserStore users;
  private final ContactStore contacts;
  private final ContactViews views;
  private final ChatApi chat;
  private final RateLimiter limits;
  private final Quotas quotas;

  ContactHandlers(Vertx vertx, UserStore users, ContactStore contacts, ContactViews views, ChatApi chat,
      RateLimiter limits, Quotas quotas) {
    this.vertx = vertx;
    this.users = users;
    this.contacts = contacts;
    this.views = views;
    this.chat = chat;
    this.limits = limits;
    this.quotas = quotas;
  }

  Future<?> createRequest(BusCall call) {
    String caller = call.caller();
    String to = Validation.phone(call.body(), "to");
    String greeting = Validation.optionalString(call.body(), "greeting", 0, 64);
    if (to.equals(caller)) {
      throw ApiException.invalid("You cannot add yourself");
    }
    return limits.hit("rl:requests:" + caller, quotas.contactRequestsPerHour(), 3600,
            "Too many friend requests; try again later")
        .compose(ok -> users.find(to))
        .compose(found -> contacts.contact(caller, to))
        .compose(existing -> {
          if (existing != null) {
            throw ApiException.conflict("You are already contacts");
          }
          return contacts.pendingBetween(to, caller);
        })
        .compose(crossing -> crossing != null
            ? accept(crossing, caller).compose(added -> contacts.request(crossing.getString("_id"))
                .compose(views::request).map(request -> Reply.withStatus(200, request).then(added.afterReply())))
            : contacts.upsertPending(caller, to, greeting == null ? "" : greeting)
                .compose(views::request)
                .map(request -> Reply.of(request).then(() ->
                    Events.publish(vertx, to, "contact.request", new JsonObject().put("request", request)))));
  }

  Future<?> listRequests(BusCall call) {
    String caller = call.caller();
    return Future.all(contacts.requestsWhere("to", caller), contacts.requestsWhere("from", caller))
        .compose(both -> Future.all(views.requests(both.resultAt(0)), views.requests(both.resultAt(1))))
        .map(both -> new JsonObject()
            .put("incoming", new JsonArray(both.<List<JsonObject>>resultAt(0)))
            .put("outgoing", new JsonArray(both.<List<JsonObject>>resultAt(1))));
  }

  Future<?> acceptRequest(BusCall call) {
    String caller = call.caller();
    return addressedTo(call).compose(request -> accept(request, caller));
  }

  Future<?> declineRequest(BusCall call) {
    return addressedTo(call).compose(request -> {
      if ("accepted".equals(request.getString("status"))) {
        throw ApiException.conflict("This request was already accepted");
      }
      return contacts.transition(request.getString("_id"), "pending", "declined");
    }).map(Reply.empty());
  }

  /** The request named in the path, if the caller is its addressee. */
  private Future<JsonObject> addressedTo(BusCall call) {
    String caller = call.caller();
    String id = call.param("id");
    if (id == null || id.length() > 64) {
      throw ApiException.invalid("id must be a request id");
    }
    return contacts.request(id).map(request -> {
      if (request == null || !caller.equals(request.getString("to")) && !caller.equals(request.getString("from"))) {
        throw ApiException.notFound("No such request");
      }
      if (!caller.equals(request.getString("to"))) {
        throw ApiException.forbidden("Only the addressee may answer a request");
      }
      return request;
    });
  }

  /**
   * Accepts a pending request: both contact documents, the open conversation, then the events.
   * Retrying an accept that stopped half-way finishes it; a request that was declined, or whose
   * contact was deleted since, cannot be accepted again (a new request asks for new consent).
   */
  private Future<Reply> accept(JsonObject request, String caller) {
    String from = request.getString("from");
    String to = request.getString("to");
    String occasion = request.getString("_id") + ":" + request.getLong("createdAt");
    return contacts.transition(request.getString("_id"), "pending", "accepted")
        .compose(moved -> moved != null ? Future.succeededFuture()
            : contacts.request(request.getString("_id")).compose(now -> "accepted".equals(now.getString("status"))
                ? retriedAccept(now) : Future.failedFuture(ApiException.conflict("This request was declined; send a new one"))))
        .compose(done -> contacts.link(from, to))
        .compose(done -> chat.openDirect(from, to, occasion))
        .compose(done -> Future.all(contacts.contact(to, from).compose(views::contact),
            contacts.contact(from, to).compose(views::contact)))
        .map(both -> {
          JsonObject requesterForAddressee = both.resultAt(0);
          JsonObject addresseeForRequester = both.resultAt(1);
          return Reply.of(caller.equals(to) ? requesterForAddressee : addresseeForRequester).then(() -> {
            Events.publish(vertx, to, "contact.added", new JsonObject().put("contact", requesterForAddressee));
            Events.publish(vertx, from, "contact.added", new JsonObject().put("contact", addresseeForRequester));
          });
        });
  }

  /** An accepted request may be accepted again only while its contact still exists (a retry). */
  private Future<Void> retriedAccept(JsonObject request) {
    return contacts.contact(request.getString("to"), request.getString("from")).map(contact -> {
      if (contact == null) {
        throw ApiException.conflict("This request was already used; send a new one");
      }
      return null;
    });
  }

  Future<?> list(BusCall call) {
    return contacts.contactsOf(call.caller()).compose(views::contacts)
        .map(list -> new JsonObject().put("contacts", new JsonArray(list)));
  }

  Future<?> update(BusCall call) {
    String caller = call.caller();
    String peer = Validation.phoneParam(call.param("phone"), "phone");
    String remark = Validation.string(call.body(), "remark", 0, 64);
    return contacts.setRemark(caller, peer, remark).compose(document -> {
      if (document == null) {
        throw ApiException.notFound("No such contact");
      }
      return views.contact(document);
    });
  }

  Future<?> delete(BusCall call) {
    String caller = call.caller();
    String peer = Validation.phoneParam(call.param("phone"), "phone");
    // Close the chat before unlinking: if closing fails the contact still exists and a retried
    // DELETE finishes the job, instead of answering 404 over a chat left open.
    return contacts.contact(caller, peer).compose(contact -> {
      if (contact == null) {
        throw ApiException.notFound("No such contact");
      }
      return chat.closeDirect(caller, peer);
    }).compose(closed -> contacts.unlink(caller, peer)).map(done -> Reply.empty().then(() -> {
      Events.publish(vertx, caller, "contact.removed", new JsonObject().put("phone", peer));
      Events.publish(vertx, peer, "contact.removed", new JsonObject().put("phone", caller));
    }));
  }

  Future<?> contactsAmong(BusCall call) {
    JsonArray phones = Validation.array(call.body(), "phones", 0, 1000);
    return contacts.contactsOf(call.caller()).map(all -> {
      JsonArray found = new JsonArray();
      all.stream().map(contact -> contact.getString("peer")).filter(phones::contains).forEach(found::add);
      return new JsonObject().put("contacts", found);
    });
  }

  Future<?> areContacts(BusCall call) {
    String peer = Validation.phone(call.body(), "phone");
    return contacts.contact(call.caller(), peer).map(found -> new JsonObject().put("contacts", found != null));
  }
}
