package chat.weiliao.signaling;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.SignalingApi.CallRef;
import chat.weiliao.common.bus.SignalingApi.CandidateRelay;
import chat.weiliao.common.bus.SignalingApi.IceServerList;
import chat.weiliao.common.bus.SignalingApi.InviteRequest;
import chat.weiliao.common.bus.SignalingApi.Ringing;
import chat.weiliao.common.bus.SignalingApi.SdpRelay;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.ClientEvent;
import chat.weiliao.common.contract.ContractJson;
import chat.weiliao.common.contract.ContractObjects.CallMedia;
import chat.weiliao.common.contract.ContractObjects.CallResult;
import chat.weiliao.common.contract.EventPayloads.CallEndReason;
import chat.weiliao.common.contract.EventPayloads.CallEndedPayload;
import chat.weiliao.common.contract.EventPayloads.CallSignalPayload;
import chat.weiliao.common.contract.EventPayloads.IceCandidatePayload;
import chat.weiliao.common.contract.EventPayloads.InviteOfferPayload;
import chat.weiliao.common.contract.EventPayloads.SdpPayload;
import chat.weiliao.common.contract.Wire;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The call frames. The server, never the client, says who a frame is from; only the caller's
 * connection and the callee's accepting connection may relay within a call.
 */
final class CallHandlers {
  private static final int ACCEPTED_TTL_SECONDS = 12 * 3600;
  private static final SecureRandom random = new SecureRandom();
  private final CallStore calls;
  private final CallEvents events;
  private final IceServers ice;
  private final UserApi users;
  private final int ringSeconds;
  private final RateLimiter limits;
  private final int invitesPerMinute;

  CallHandlers(
      CallStore calls,
      CallEvents events,
      IceServers ice,
      UserApi users,
      int ringSeconds,
      RateLimiter limits,
      int invitesPerMinute) {
    this.limits = limits;
    this.invitesPerMinute = invitesPerMinute;
    this.calls = calls;
    this.events = events;
    this.ice = ice;
    this.users = users;
    this.ringSeconds = ringSeconds;
  }

  Future<Answer<IceServerList>> iceServers(BusCall call, Empty nothing) {
    return Future.succeededFuture(
        Answer.of(new IceServerList(Wire.list(ice.forUser(call.caller())), ice.ttlSeconds())));
  }

  /** A call being placed: its new id, the two parties and the media. */
  private record Invite(String id, String caller, String callee, String media) {
    static Invite of(BusCall call, InviteRequest request) {
      String caller = call.caller();
      if (request.to().equals(caller)) {
        throw ApiException.invalid("You cannot call yourself");
      }
      return new Invite(newCallId(), caller, request.to(), ContractJson.wireName(request.media()));
    }

    JsonObject asRecord() {
      return new JsonObject()
          .put("id", id)
          .put("caller", caller)
          .put("callee", callee)
          .put("media", media);
    }
  }

  Future<Answer<Ringing>> invite(BusCall call, InviteRequest request) {
    Invite invite = Invite.of(call, request);
    return limits
        .hit(
            "rl:invite:" + invite.caller(), invitesPerMinute, 60, "Too many calls; try again later")
        .compose(allowed -> requireContacts(invite))
        .compose(contacts -> users.isOnline(invite.callee()))
        .compose(online -> online ? ring(invite, call.connection()) : refuseOffline(invite))
        .map(created -> ringing(invite, created));
  }

  private Future<Void> requireContacts(Invite invite) {
    return users
        .areContacts(invite.caller(), invite.callee())
        .map(
            contacts -> {
              if (!contacts) {
                throw ApiException.forbidden("You can only call your contacts");
              }
              return null;
            });
  }

  /** Stores the ringing call unless either party is in one already (false then). */
  private Future<Boolean> ring(Invite invite, String callerConnection) {
    long deadline = System.currentTimeMillis() + ringSeconds * 1000L;
    return calls.create(
        invite.id(),
        invite.caller(),
        invite.callee(),
        invite.media(),
        callerConnection,
        deadline,
        ringSeconds + 60);
  }

  /**
   * The call never rings, but both chats keep a trace of it, as a missed call, and the callee's
   * browsers get a push of the invite (contract 1.1 §5.4), told, never awaited.
   */
  private Future<Boolean> refuseOffline(Invite invite) {
    events.record(invite.asRecord(), CallResult.missed);
    users.pushInvite(
        invite.callee(),
        new UserApi.Invite(invite.id(), invite.caller(), CallMedia.valueOf(invite.media())));
    return Future.failedFuture(new ApiException(ErrorCode.OFFLINE, "They are not online"));
  }

  private Answer<Ringing> ringing(Invite invite, boolean created) {
    if (!created) {
      throw new ApiException(ErrorCode.BUSY, "One of you is already in a call");
    }
    InviteOfferPayload ring =
        new InviteOfferPayload(
            invite.id(),
            invite.caller(),
            CallMedia.valueOf(invite.media()),
            Wire.list(ice.forUser(invite.callee())));
    return Answer.of(new Ringing(invite.id(), Wire.list(ice.forUser(invite.caller()))))
        .then(() -> events.toAllBut(invite.callee(), null, ClientEvents.INVITE_OFFER, ring));
  }

  Future<Answer<Empty>> accept(BusCall call, CallRef ref) {
    String id = ref.callId();
    return calls
        .accept(id, call.caller(), call.connection(), ACCEPTED_TTL_SECONDS)
        .compose(outcome -> acceptance(outcome, id))
        .map(
            accepted ->
                Answer.empty().then(() -> answered(call, accepted, ClientEvents.INVITE_ACCEPT)));
  }

  /** The accepted call, or why the callee's connection could not take it. */
  private Future<JsonObject> acceptance(String outcome, String id) {
    return switch (outcome) {
      case "ok" -> calls.get(id);
      case "forbidden" -> Future.failedFuture(ApiException.forbidden("Only the callee may answer"));
      case "answered" ->
          Future.failedFuture(ApiException.conflict("This call was already answered"));
      default -> Future.failedFuture(ApiException.notFound("No such call"));
    };
  }

  /**
   * The callee answered (accepted or refused) from one connection: the caller hears {@code how};
   * the callee's other connections stop ringing.
   */
  private void answered(BusCall call, JsonObject answered, ClientEvent<CallSignalPayload> how) {
    String id = answered.getString("id");
    events.toCaller(answered, how, new CallSignalPayload(id, call.caller()));
    events.toAllBut(
        call.caller(),
        call.connection(),
        ClientEvents.CALL_ENDED,
        new CallEndedPayload(id, CallEndReason.answered_elsewhere));
  }

  Future<Answer<Empty>> refuse(BusCall call, CallRef ref) {
    return endRinging(
            call, ref, "callee", () -> ApiException.conflict("This call is no longer ringing"))
        .map(ended -> Answer.empty().then(() -> announceRefusal(call, ended)));
  }

  Future<Answer<Empty>> cancel(BusCall call, CallRef ref) {
    return endRinging(call, ref, "caller", () -> ApiException.notFound("No such call"))
        .map(ended -> Answer.empty().then(() -> announceCancel(call, ended)));
  }

  /**
   * Ends the call while it still rings, asked by its {@code role}; {@code lost} is the failure when
   * it stopped ringing meanwhile (answered, cancelled or timed out by another node).
   */
  private Future<JsonObject> endRinging(
      BusCall call, CallRef ref, String role, Supplier<ApiException> lost) {
    return ringingCall(call, ref.callId(), role)
        .compose(ringing -> calls.endIf(ringing.getString("id"), "ringing"))
        .compose(
            ended ->
                ended == null ? Future.failedFuture(lost.get()) : Future.succeededFuture(ended));
  }

  private void announceRefusal(BusCall call, JsonObject ended) {
    answered(call, ended, ClientEvents.INVITE_REFUSE);
    events.record(ended, CallResult.declined);
  }

  private void announceCancel(BusCall call, JsonObject ended) {
    events.toCallee(
        ended,
        ClientEvents.INVITE_CANCEL,
        new CallSignalPayload(ended.getString("id"), call.caller()));
    events.record(ended, CallResult.cancelled);
  }

  /** video-offer and video-answer: the SDP, from one party's connection to the other's. */
  Future<Answer<Empty>> relaySdp(ClientEvent<SdpPayload> event, BusCall call, SdpRelay sdp) {
    return relay(call, sdp.callId(), event, new SdpPayload(sdp.callId(), call.caller(), sdp.sdp()));
  }

  /** new-ice-candidate: a candidate, or null for the end of them. */
  Future<Answer<Empty>> relayCandidate(BusCall call, CandidateRelay candidate) {
    return relay(
        call,
        candidate.callId(),
        ClientEvents.ICE_CANDIDATE,
        new IceCandidatePayload(candidate.callId(), call.caller(), candidate.candidate()));
  }

  private <P extends Record> Future<Answer<Empty>> relay(
      BusCall call, String callId, ClientEvent<P> event, P relayed) {
    return partyOf(call, callId)
        .map(
            party -> {
              return Answer.empty()
                  .then(
                      () -> {
                        if (party.isCaller) {
                          events.toConnection(
                              party.call.getString("callee"),
                              party.call.getString("calleeConn"),
                              event,
                              relayed);
                        } else {
                          events.toCaller(party.call, event, relayed);
                        }
                      });
            });
  }

  Future<Answer<Empty>> hangUp(BusCall call, CallRef ref) {
    return calls
        .get(ref.callId())
        .compose(
            found -> {
              if (found == null) {
                throw ApiException.notFound("No such call");
              }
              boolean ringing = "ringing".equals(found.getString("state"));
              if (ringing) {
                return call.caller().equals(found.getString("caller"))
                    ? cancel(call, ref)
                    : refuse(call, ref);
              }
              return partyOf(call, ref.callId())
                  .compose(party -> calls.end(party.call.getString("id")))
                  .map(
                      ended -> {
                        if (ended == null) {
                          throw ApiException.notFound("No such call");
                        }
                        boolean byCaller = call.caller().equals(ended.getString("caller"));
                        CallSignalPayload relayed =
                            new CallSignalPayload(ended.getString("id"), call.caller());
                        return Answer.empty()
                            .then(
                                () -> {
                                  if (byCaller) {
                                    events.toCallee(ended, ClientEvents.HANG_UP, relayed);
                                  } else {
                                    events.toCaller(ended, ClientEvents.HANG_UP, relayed);
                                  }
                                  events.record(ended, CallResult.completed);
                                });
                      });
            });
  }

  /** From a gateway: a connection closed; the other party of its call hears within seconds. */
  Future<Answer<Empty>> connectionClosed(BusCall call, Empty nothing) {
    String connection = call.connection();
    return calls
        .callOfConnection(connection)
        .compose(id -> id == null ? Future.succeededFuture(null) : calls.get(id))
        .compose(
            found ->
                isParty(found, connection)
                    ? endDisconnected(found.getString("id"))
                    : Future.succeededFuture(Answer.empty()));
  }

  /** Whether the connection is the call's caller's or its accepting callee's. */
  private static boolean isParty(JsonObject call, String connection) {
    return call != null
        && (connection.equals(call.getString("callerConn"))
            || connection.equals(call.getString("calleeConn")));
  }

  private Future<Answer<Empty>> endDisconnected(String id) {
    return calls
        .end(id)
        .map(
            ended ->
                ended == null
                    ? Answer.empty()
                    : Answer.empty()
                        .then(
                            () -> {
                              events.ended(ended, CallEndReason.disconnected);
                              events.record(ended, CallEvents.resultOfEnd(ended));
                            }));
  }

  private record Party(JsonObject call, boolean isCaller) {}

  /** The call, if this connection is the caller's or the callee's accepting one. */
  private Future<Party> partyOf(BusCall call, String callId) {
    String connection = call.connection();
    return calls
        .get(callId)
        .map(
            found -> {
              if (found == null) {
                throw ApiException.notFound("No such call");
              }
              if (connection != null
                  && connection.equals(found.getString("callerConn"))
                  && call.caller().equals(found.getString("caller"))
                  && found.getString("calleeConn") != null) {
                return new Party(found, true);
              }
              if (connection != null
                  && connection.equals(found.getString("calleeConn"))
                  && call.caller().equals(found.getString("callee"))) {
                return new Party(found, false);
              }
              throw ApiException.forbidden(
                  "Only the two connections in this call may signal in it");
            });
  }

  /** The call while it rings, if the caller is its {@code role} ("caller" or "callee"). */
  private Future<JsonObject> ringingCall(BusCall call, String callId, String role) {
    return calls
        .get(callId)
        .map(
            found -> {
              if (found == null) {
                throw ApiException.notFound("No such call");
              }
              if (!call.caller().equals(found.getString(role))) {
                throw ApiException.forbidden("Only the " + role + " may do that");
              }
              if (!"ringing".equals(found.getString("state"))) {
                throw ApiException.conflict("This call is no longer ringing");
              }
              if ("caller".equals(role)
                  && !found.getString("callerConn").equals(call.connection())) {
                throw ApiException.forbidden(
                    "Only the connection that placed the call may cancel it");
              }
              return found;
            });
  }

  private static String newCallId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
