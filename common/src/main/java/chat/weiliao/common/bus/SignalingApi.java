package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.contract.ContractObjects.CallMedia;
import chat.weiliao.common.contract.ContractObjects.IceServer;
import chat.weiliao.common.contract.MayBeNull;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * signaling-service's bus API: its actions with their request and reply records, and the call frame
 * types it serves. The frames' requests are read from the client's payload by each record's {@code
 * read}, which refuses a bad field with INVALID_ARGUMENT before any handler runs.
 */
public final class SignalingApi extends ServiceClient {
  public static final BusAction<InviteRequest, Ringing> INVITE_OFFER =
      BusAction.fromClient("invite-offer", call -> InviteRequest.read(call.body()), Ringing.class);
  public static final BusAction<CallRef, Empty> INVITE_ACCEPT =
      BusAction.fromClient("invite-accept", call -> CallRef.read(call.body()), Empty.class);
  public static final BusAction<CallRef, Empty> INVITE_REFUSE =
      BusAction.fromClient("invite-refuse", call -> CallRef.read(call.body()), Empty.class);
  public static final BusAction<CallRef, Empty> INVITE_CANCEL =
      BusAction.fromClient("invite-cancel", call -> CallRef.read(call.body()), Empty.class);
  public static final BusAction<SdpRelay, Empty> VIDEO_OFFER =
      BusAction.fromClient("video-offer", call -> SdpRelay.read(call.body()), Empty.class);
  public static final BusAction<SdpRelay, Empty> VIDEO_ANSWER =
      BusAction.fromClient("video-answer", call -> SdpRelay.read(call.body()), Empty.class);
  public static final BusAction<CandidateRelay, Empty> ICE_CANDIDATE =
      BusAction.fromClient(
          "new-ice-candidate", call -> CandidateRelay.read(call.body()), Empty.class);
  public static final BusAction<CallRef, Empty> HANG_UP =
      BusAction.fromClient("hang-up", call -> CallRef.read(call.body()), Empty.class);

  /** {@code GET /api/rtc/ice-servers}: the caller's STUN/TURN list. */
  public static final BusAction<Empty, IceServerList> ICE_SERVERS =
      BusAction.fromClient("rtc.ice-servers", call -> Empty.VALUE, IceServerList.class);

  /** Internal, from gateways: a client connection closed (it may have been a party to a call). */
  public static final BusAction<Empty, Empty> CONNECTION_CLOSED =
      BusAction.of("connection.closed", Empty.class, Empty.class);

  /** WebSocket frame types that signaling-service answers; the frame type is the action. */
  public static final Set<String> FRAME_TYPES =
      Set.of(
          INVITE_OFFER.name(),
          INVITE_ACCEPT.name(),
          INVITE_REFUSE.name(),
          INVITE_CANCEL.name(),
          VIDEO_OFFER.name(),
          VIDEO_ANSWER.name(),
          ICE_CANDIDATE.name(),
          HANG_UP.name());

  private static final Pattern CALL_ID = Pattern.compile("^[0-9a-f]{32}$");
  private static final int MAX_RELAYED_CHARS = 60_000;

  /** invite-offer: whom to call, with what (the caller is who sends the frame). */
  public record InviteRequest(String to, CallMedia media) {
    static InviteRequest read(JsonObject body) {
      String to = Validation.phone(body, "to");
      String media = Validation.string(body, "media", 1, 8);
      if (!media.equals("video") && !media.equals("audio")) {
        throw ApiException.invalid("media must be video or audio");
      }
      return new InviteRequest(to, CallMedia.valueOf(media));
    }
  }

  /** invite-offer's ack: the new call's id and the caller's ICE servers. */
  public record Ringing(String callId, List<Wire<IceServer>> iceServers) {}

  /** invite-accept, invite-refuse, invite-cancel and hang-up: which call. */
  public record CallRef(String callId) {
    static CallRef read(JsonObject body) {
      return new CallRef(callIdOf(body));
    }
  }

  /** video-offer and video-answer: the SDP as the client sent it, text or an object. */
  public record SdpRelay(String callId, Object sdp) {
    static SdpRelay read(JsonObject body) {
      Object sdp = relayed(body, "sdp");
      if (sdp == null) {
        throw ApiException.invalid(
            "sdp must be a string or an object of at most 60,000 characters");
      }
      return new SdpRelay(callIdOf(body), sdp);
    }
  }

  /** new-ice-candidate: a candidate as the client sent it, or null for the end of them. */
  public record CandidateRelay(String callId, @MayBeNull Object candidate) {
    static CandidateRelay read(JsonObject body) {
      Object candidate = relayed(body, "candidate");
      return new CandidateRelay(callIdOf(body), candidate);
    }
  }

  /** The caller's STUN/TURN servers, with TURN REST credentials valid for {@code ttl} seconds. */
  public record IceServerList(List<Wire<IceServer>> iceServers, long ttl) {}

  private static String callIdOf(JsonObject body) {
    Object id = body.getValue("callId");
    if (!(id instanceof String text) || !CALL_ID.matcher(text).matches()) {
      throw ApiException.invalid("callId is not a call id");
    }
    return text;
  }

  /** A field relayed as the client sent it: a string or an object, of at most 60,000 characters. */
  private static Object relayed(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String) && !(value instanceof JsonObject)
        || value != null && value.toString().length() > MAX_RELAYED_CHARS) {
      throw ApiException.invalid(
          field + " must be a string or an object of at most 60,000 characters");
    }
    return value;
  }

  public SignalingApi(Vertx vertx, Config config) {
    super(vertx, Addresses.SIGNALING_SERVICE, config.busTimeoutMillis());
  }

  /** Tells signaling a connection closed; it ends any call that connection was part of. */
  public Future<Void> connectionClosed(String phone, String connectionId) {
    return ask(CONNECTION_CLOSED, BusCall.by(phone).connection(connectionId), Empty.VALUE)
        .mapEmpty();
  }
}
