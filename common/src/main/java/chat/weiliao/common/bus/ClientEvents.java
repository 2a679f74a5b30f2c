package chat.weiliao.common.bus;

import chat.weiliao.common.contract.ClientEvent;
import chat.weiliao.common.contract.EventPayloads.CallEndedPayload;
import chat.weiliao.common.contract.EventPayloads.CallSignalPayload;
import chat.weiliao.common.contract.EventPayloads.ContactAddedPayload;
import chat.weiliao.common.contract.EventPayloads.ContactRemovedPayload;
import chat.weiliao.common.contract.EventPayloads.ContactRequestPayload;
import chat.weiliao.common.contract.EventPayloads.ConversationUpdatedPayload;
import chat.weiliao.common.contract.EventPayloads.GroupUpdatedPayload;
import chat.weiliao.common.contract.EventPayloads.IceCandidatePayload;
import chat.weiliao.common.contract.EventPayloads.InviteOfferPayload;
import chat.weiliao.common.contract.EventPayloads.MessageNewPayload;
import chat.weiliao.common.contract.EventPayloads.MessageReadPayload;
import chat.weiliao.common.contract.EventPayloads.MessageRecalledPayload;
import chat.weiliao.common.contract.EventPayloads.MomentActivityPayload;
import chat.weiliao.common.contract.EventPayloads.MomentNewPayload;
import chat.weiliao.common.contract.EventPayloads.PongPayload;
import chat.weiliao.common.contract.EventPayloads.PresencePayload;
import chat.weiliao.common.contract.EventPayloads.SdpPayload;
import chat.weiliao.common.contract.EventPayloads.SessionReadyPayload;
import chat.weiliao.common.contract.EventPayloads.TypingPayload;
import chat.weiliao.common.contract.EventPayloads.UserUpdatedPayload;
import java.util.List;

/**
 * The catalogue of the events the server pushes to clients over {@code /ws} (the contract's "Server
 * → client events" and the relayed call messages), each with its payload record, used by every
 * service that publishes one. The web client's types are generated from it ({@code
 * web/src/api/contract.ts}); {@code ClientEventsCatalogueTest} also holds the web client's list of
 * names ({@code web/src/api/events.ts}) to it.
 */
public final class ClientEvents {
  public static final ClientEvent<SessionReadyPayload> SESSION_READY =
      event("session.ready", SessionReadyPayload.class);
  public static final ClientEvent<MessageNewPayload> MESSAGE_NEW =
      event("message.new", MessageNewPayload.class);
  public static final ClientEvent<MessageRecalledPayload> MESSAGE_RECALLED =
      event("message.recalled", MessageRecalledPayload.class);
  public static final ClientEvent<MessageReadPayload> MESSAGE_READ =
      event("message.read", MessageReadPayload.class);
  public static final ClientEvent<TypingPayload> TYPING = event("typing", TypingPayload.class);
  public static final ClientEvent<PresencePayload> PRESENCE =
      event("presence", PresencePayload.class);
  public static final ClientEvent<ContactRequestPayload> CONTACT_REQUEST =
      event("contact.request", ContactRequestPayload.class);
  public static final ClientEvent<ContactAddedPayload> CONTACT_ADDED =
      event("contact.added", ContactAddedPayload.class);
  public static final ClientEvent<ContactRemovedPayload> CONTACT_REMOVED =
      event("contact.removed", ContactRemovedPayload.class);
  public static final ClientEvent<GroupUpdatedPayload> GROUP_UPDATED =
      event("group.updated", GroupUpdatedPayload.class);
  public static final ClientEvent<UserUpdatedPayload> USER_UPDATED =
      event("user.updated", UserUpdatedPayload.class);
  public static final ClientEvent<ConversationUpdatedPayload> CONVERSATION_UPDATED =
      event("conversation.updated", ConversationUpdatedPayload.class);
  public static final ClientEvent<MomentNewPayload> MOMENT_NEW =
      event("moment.new", MomentNewPayload.class);
  public static final ClientEvent<MomentActivityPayload> MOMENT_ACTIVITY =
      event("moment.activity", MomentActivityPayload.class);

  /** The call messages are relayed as events under their request names (SignalingApi's). */
  public static final ClientEvent<InviteOfferPayload> INVITE_OFFER =
      event(SignalingApi.INVITE_OFFER.name(), InviteOfferPayload.class);

  public static final ClientEvent<CallSignalPayload> INVITE_ACCEPT =
      event(SignalingApi.INVITE_ACCEPT.name(), CallSignalPayload.class);
  public static final ClientEvent<CallSignalPayload> INVITE_REFUSE =
      event(SignalingApi.INVITE_REFUSE.name(), CallSignalPayload.class);
  public static final ClientEvent<CallSignalPayload> INVITE_CANCEL =
      event(SignalingApi.INVITE_CANCEL.name(), CallSignalPayload.class);
  public static final ClientEvent<SdpPayload> VIDEO_OFFER =
      event(SignalingApi.VIDEO_OFFER.name(), SdpPayload.class);
  public static final ClientEvent<SdpPayload> VIDEO_ANSWER =
      event(SignalingApi.VIDEO_ANSWER.name(), SdpPayload.class);
  public static final ClientEvent<IceCandidatePayload> ICE_CANDIDATE =
      event(SignalingApi.ICE_CANDIDATE.name(), IceCandidatePayload.class);
  public static final ClientEvent<CallSignalPayload> HANG_UP =
      event(SignalingApi.HANG_UP.name(), CallSignalPayload.class);
  public static final ClientEvent<CallEndedPayload> CALL_ENDED =
      event("call-ended", CallEndedPayload.class);
  public static final ClientEvent<PongPayload> PONG = event("pong", PongPayload.class);

  /** Every event above, in the contract's order. */
  public static final List<ClientEvent<?>> ALL =
      List.of(
          SESSION_READY,
          MESSAGE_NEW,
          MESSAGE_RECALLED,
          MESSAGE_READ,
          TYPING,
          PRESENCE,
          CONTACT_REQUEST,
          CONTACT_ADDED,
          CONTACT_REMOVED,
          GROUP_UPDATED,
          USER_UPDATED,
          CONVERSATION_UPDATED,
          MOMENT_NEW,
          MOMENT_ACTIVITY,
          INVITE_OFFER,
          INVITE_ACCEPT,
          INVITE_REFUSE,
          INVITE_CANCEL,
          VIDEO_OFFER,
          VIDEO_ANSWER,
          ICE_CANDIDATE,
          HANG_UP,
          CALL_ENDED,
          PONG);

  private ClientEvents() {}

  private static <P extends Record> ClientEvent<P> event(String type, Class<P> payload) {
    return new ClientEvent<>(type, payload);
  }

  /** The catalogue's event of a type, or null for a type the server never sends. */
  public static ClientEvent<?> named(String type) {
    return ALL.stream().filter(event -> event.type().equals(type)).findFirst().orElse(null);
  }
}
