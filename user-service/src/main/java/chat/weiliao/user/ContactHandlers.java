package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusAction.Phone;
import chat.weiliao.common.bus.BusAction.Phones;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.UserApi.AreContacts;
import chat.weiliao.common.bus.UserApi.ContactList;
import chat.weiliao.common.bus.UserApi.ContactsAmong;
import chat.weiliao.common.bus.UserApi.RequestLists;
import chat.weiliao.common.bus.UserRequests.NewContactRequest;
import chat.weiliao.common.bus.UserRequests.RemarkChange;
import chat.weiliao.common.bus.UserRequests.RequestRef;
import chat.weiliao.common.contract.ContractObjects.Contact;
import chat.weiliao.common.contract.ContractObjects.ContactRequest;
import chat.weiliao.common.contract.EventPayloads.ContactAddedPayload;
import chat.weiliao.common.contract.EventPayloads.ContactRemovedPayload;
import chat.weiliao.common.contract.EventPayloads.ContactRequestPayload;
import chat.weiliao.common.contract.Wire;
import chat.weiliao.common.store.MongoErrors;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Friendship with consent: requests, accept and decline, the contact list, remarks, deletion. Each
 * change is stored first; the events to both sides go out after the reply.
 */
final class ContactHandlers {
  /** Tries at settling a request: each lost race on the pending slot finds the winner next time. */
  private static final int SETTLE_ATTEMPTS = 3;

  private final Vertx vertx;
  private final UserStore users;
  private final ContactStore contacts;
  private final ContactPairs pairs;
  private final ContactViews views;
  private final ChatApi chat;
  private final RateLimiter limits;
  private final Quotas quotas;

  ContactHandlers(
      Vertx vertx,
      UserStore users,
      ContactStore contacts,
      ContactPairs pairs,
      ContactViews views,
      ChatApi chat,
      RateLimiter limits,
      Quotas quotas) {
    this.vertx = vertx;
    this.users = users;
    this.contacts = contacts;
    this.pairs = pairs;
    this.views = views;
    this.chat = chat;
    this.limits = limits;
    this.quotas = quotas;
  }

  Future<Answer<Wire<ContactRequest>>> createRequest(BusCall call, NewContactRequest asked) {
    String caller = call.caller();
    String to = asked.to();
    return limits
        .hit(
            "rl:requests:" + caller,
            quotas.contactRequestsPerHour(),
            3600,
            "Too many friend requests; try again later")
        .compose(ok -> users.find(to))
        .compose(found -> contacts.contact(caller, to))
        .compose(
            existing -> {
              if (existing != null) {
                throw ApiException.conflict("You are already contacts");
              }
              return settle(caller, to, asked.greeting(), SETTLE_ATTEMPTS);
            });
  }

  /**
   * A request either accepts the addressee's pending one to the caller or becomes the pair's one
   * pending request. Both crossing requests can find none pending; then the second write fails on
   * the pair's unique pending slot and is settled again, now finding the first to accept.
   */
  private Future<Answer<Wire<ContactRequest>>> settle(
      String caller, String to, String greeting, int attemptsLeft) {
    return contacts
        .pendingBetween(to, caller)
        .compose(
            crossing ->
                crossing != null
                    ? acceptCrossing(crossing, caller)
                    : ask(caller, to, greeting)
                        .recover(
                            failure ->
                                MongoErrors.isDuplicateKey(failure) && attemptsLeft > 1
                                    ? settle(caller, to, greeting, attemptsLeft - 1)
                                    : Future.failedFuture(failure)));
  }

  private Future<Answer<Wire<ContactRequest>>> acceptCrossing(JsonObject crossing, String caller) {
    return accept(crossing, caller)
        .compose(added -> answeredWithRequest(crossing.getString("_id"), added));
  }

  /** A crossing request is answered with the request it accepted (200), and the accept's events. */
  private Future<Answer<Wire<ContactRequest>>> answeredWithRequest(
      String requestId, Answer<Wire<Contact>> accepted) {
    return contacts
        .request(requestId)
        .compose(views::request)
        .map(
            request ->
                Answer.withStatus(200, Wire.<ContactRequest>of(request))
                    .then(accepted.afterReply()));
  }

  private Future<Answer<Wire<ContactRequest>>> ask(String caller, String to, String greeting) {
    return pairs
        .epoch(caller, to)
        .compose(epoch -> contacts.upsertPending(caller, to, greeting, epoch))
        .compose(views::request)
        .map(
            request ->
                Answer.of(Wire.<ContactRequest>of(request))
                    .then(
                        () ->
                            Events.publish(
                                vertx,
                                to,
                                ClientEvents.CONTACT_REQUEST,
                                new ContactRequestPayload(Wire.of(request)))));
  }

  Future<Answer<RequestLists>> listRequests(BusCall call, Empty nothing) {
    String caller = call.caller();
    return Future.all(contacts.requestsWhere("to", caller), contacts.requestsWhere("from", caller))
        .compose(
            both -> Future.all(views.requests(both.resultAt(0)), views.requests(both.resultAt(1))))
        .map(
            both ->
                Answer.of(
                    new RequestLists(
                        Wire.list(new JsonArray(both.<List<JsonObject>>resultAt(0))),
                        Wire.list(new JsonArray(both.<List<JsonObject>>resultAt(1))))));
  }

  Future<Answer<Wire<Contact>>> acceptRequest(BusCall call, RequestRef ref) {
    String caller = call.caller();
    return addressedTo(caller, ref).compose(request -> accept(request, caller));
  }

  Future<Answer<Empty>> declineRequest(BusCall call, RequestRef ref) {
    return addressedTo(call.caller(), ref)
        .compose(
            request -> {
              if ("accepted".equals(request.getString("status"))) {
                throw ApiException.conflict("This request was already accepted");
              }
              return contacts.transition(request.getString("_id"), "pending", "declined");
            })
        .map(declined -> Answer.empty());
  }

  /** The request named in the path, if the caller is its addressee. */
  private Future<JsonObject> addressedTo(String caller, RequestRef ref) {
    return contacts
        .request(ref.id())
        .map(
            request -> {
              if (request == null
                  || !caller.equals(request.getString("to"))
                      && !caller.equals(request.getString("from"))) {
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
   * contact was deleted since, cannot be accepted again (a new request asks for new consent). The
   * request's epoch guards against a deletion running alongside: it is checked again after linking
   * (a deletion that began meanwhile wins, and the link is undone), and chat-service opens the chat
   * only if no deletion of a later epoch has closed it.
   */
  private Future<Answer<Wire<Contact>>> accept(JsonObject request, String caller) {
    Acceptance acceptance =
        new Acceptance(
            request.getString("from"),
            request.getString("to"),
            request.getLong("epoch", 0L),
            request.getString("_id") + ":" + request.getLong("createdAt"));
    return markAccepted(request)
        .compose(done -> requireEpoch(acceptance.from(), acceptance.to(), acceptance.epoch()))
        .compose(done -> contacts.link(acceptance.from(), acceptance.to()))
        .compose(done -> keepLinkIfStillCurrent(acceptance))
        .compose(
            done ->
                chat.openDirect(
                    acceptance.from(), acceptance.to(), acceptance.occasion(), acceptance.epoch()))
        .compose(done -> bothContacts(acceptance))
        .map(both -> announced(acceptance, caller, both));
  }

  /**
   * Who became contacts, as of which contact epoch, on which occasion (the request's id and time).
   */
  private record Acceptance(String from, String to, long epoch, String occasion) {}

  /** Moves the request to accepted; one accepted before may go on only as a retry. */
  private Future<Void> markAccepted(JsonObject request) {
    String id = request.getString("_id");
    return contacts
        .transition(id, "pending", "accepted")
        .compose(
            moved ->
                moved != null
                    ? Future.succeededFuture()
                    : contacts.request(id).compose(this::acceptedBefore));
  }

  private Future<Void> acceptedBefore(JsonObject request) {
    return "accepted".equals(request.getString("status"))
        ? retriedAccept(request)
        : Future.failedFuture(ApiException.conflict("This request was declined; send a new one"));
  }

  /** A deletion that began while linking wins: the link is undone and the accept fails. */
  private Future<Void> keepLinkIfStillCurrent(Acceptance acceptance) {
    return requireEpoch(acceptance.from(), acceptance.to(), acceptance.epoch())
        .recover(
            stale ->
                contacts
                    .unlink(acceptance.from(), acceptance.to())
                    .compose(undone -> Future.failedFuture(stale)));
  }

  /**
   * Each side as the other sees it: the requester for the addressee, then the addressee for the
   * requester.
   */
  private Future<CompositeFuture> bothContacts(Acceptance acceptance) {
    return Future.all(
        contacts.contact(acceptance.to(), acceptance.from()).compose(views::contact),
        contacts.contact(acceptance.from(), acceptance.to()).compose(views::contact));
  }

  private Answer<Wire<Contact>> announced(
      Acceptance acceptance, String caller, CompositeFuture both) {
    JsonObject requesterForAddressee = both.resultAt(0);
    JsonObject addresseeForRequester = both.resultAt(1);
    return Answer.of(
            Wire.<Contact>of(
                caller.equals(acceptance.to()) ? requesterForAddressee : addresseeForRequester))
        .then(
            () -> {
              Events.publish(
                  vertx,
                  acceptance.to(),
                  ClientEvents.CONTACT_ADDED,
                  new ContactAddedPayload(Wire.of(requesterForAddressee)));
              Events.publish(
                  vertx,
                  acceptance.from(),
                  ClientEvents.CONTACT_ADDED,
                  new ContactAddedPayload(Wire.of(addresseeForRequester)));
            });
  }

  /** The pair's contact has not been deleted since the request was sent. */
  private Future<Void> requireEpoch(String from, String to, long epoch) {
    return pairs
        .epoch(from, to)
        .map(
            current -> {
              if (current != epoch) {
                throw ApiException.conflict("This request was already used; send a new one");
              }
              return null;
            });
  }

  /** An accepted request may be accepted again only while its contact still exists (a retry). */
  private Future<Void> retriedAccept(JsonObject request) {
    return contacts
        .contact(request.getString("to"), request.getString("from"))
        .map(
            contact -> {
              if (contact == null) {
                throw ApiException.conflict("This request was already used; send a new one");
              }
              return null;
            });
  }

  Future<Answer<ContactList>> list(BusCall call, Empty nothing) {
    return contacts
        .contactsOf(call.caller())
        .compose(views::contacts)
        .map(list -> Answer.of(new ContactList(Wire.list(new JsonArray(list)))));
  }

  Future<Answer<Wire<Contact>>> update(BusCall call, RemarkChange change) {
    return contacts
        .setRemark(call.caller(), change.phone(), change.remark())
        .compose(
            document -> {
              if (document == null) {
                throw ApiException.notFound("No such contact");
              }
              return views.contact(document);
            })
        .map(contact -> Answer.of(Wire.<Contact>of(contact)));
  }

  Future<Answer<Empty>> delete(BusCall call, Phone asked) {
    String caller = call.caller();
    String peer = asked.phone();
    // A new epoch first, so no accept of an older request can link or open again; then close the
    // chat before unlinking: if closing fails the contact still exists and a retried DELETE
    // finishes the job, instead of answering 404 over a chat left open.
    return contacts
        .contact(caller, peer)
        .compose(
            contact -> {
              if (contact == null) {
                throw ApiException.notFound("No such contact");
              }
              return pairs.advance(caller, peer);
            })
        .compose(epoch -> chat.closeDirect(caller, peer, epoch))
        .compose(closed -> contacts.endPending(caller, peer))
        .compose(ended -> contacts.unlink(caller, peer))
        .map(
            done ->
                Answer.empty()
                    .then(
                        () -> {
                          Events.publish(
                              vertx,
                              caller,
                              ClientEvents.CONTACT_REMOVED,
                              new ContactRemovedPayload(peer));
                          Events.publish(
                              vertx,
                              peer,
                              ClientEvents.CONTACT_REMOVED,
                              new ContactRemovedPayload(caller));
                        }));
  }

  /**
   * Primary-key lookups of the pairs asked about: the cost follows the question, not the contact
   * list.
   */
  Future<Answer<ContactsAmong>> contactsAmong(BusCall call, Phones asked) {
    return contacts
        .among(call.caller(), Validation.batch(asked.phones(), "phones", 1000))
        .map(found -> Answer.of(new ContactsAmong(peers(found))));
  }

  Future<Answer<Phones>> contactPhones(BusCall call, Empty nothing) {
    return contacts.contactsOf(call.caller()).map(all -> Answer.of(new Phones(peers(all))));
  }

  private static List<String> peers(List<JsonObject> contacts) {
    return contacts.stream().map(contact -> contact.getString("peer")).toList();
  }

  Future<Answer<AreContacts>> areContacts(BusCall call, Phone asked) {
    return contacts
        .contact(call.caller(), asked.phone())
        .map(found -> Answer.of(new AreContacts(found != null)));
  }
}
