package chat.weiliao.common.bus;

import java.util.List;

/**
 * The catalogue of the events the server pushes to clients over {@code /ws} (the contract's
 * "Server → client events" and the relayed call messages), one name each, used by every service
 * that publishes one. The web client lists the same names in {@code web/src/api/events.ts};
 * {@code ClientEventsCatalogueTest} fails when the two differ.
 */
public final class ClientEvents {
  public static final String SESSION_READY = "session.ready";
  public static final String MESSAGE_NEW = "message.new";
  public static final String MESSAGE_RECALLED = "message.recalled";
  public static final String MESSAGE_READ = "message.read";
  public static final String TYPING = "typing";
  public static final String PRESENCE = "presence";
  public static final String CONTACT_REQUEST = "contact.request";
  public static final String CONTACT_ADDED = "contact.added";
  public static final String CONTACT_REMOVED = "contact.removed";
  public static final String GROUP_UPDATED = "group.updated";
  public static final String USER_UPDATED = "user.updated";
  public static final String CONVERSATION_UPDATED = "conversation.updated";
  public static final String MOMENT_NEW = "moment.new";
  public static final String MOMENT_ACTIVITY = "moment.activity";
  public static final String CALL_ENDED = "call-ended";
  public static final String PONG = "pong";

  /** Every event above, and the call messages relayed as events under their request names. */
  public static final List<String> ALL = List.of(SESSION_READY, MESSAGE_NEW, MESSAGE_RECALLED, MESSAGE_READ,
      TYPING, PRESENCE, CONTACT_REQUEST, CONTACT_ADDED, CONTACT_REMOVED, GROUP_UPDATED, USER_UPDATED,
      CONVERSATION_UPDATED, MOMENT_NEW, MOMENT_ACTIVITY,
      SignalingApi.INVITE_OFFER, SignalingApi.INVITE_ACCEPT, SignalingApi.INVITE_REFUSE,
      SignalingApi.INVITE_CANCEL, SignalingApi.VIDEO_OFFER, SignalingApi.VIDEO_ANSWER,
      SignalingApi.ICE_CANDIDATE, SignalingApi.HANG_UP, CALL_ENDED, PONG);

  private ClientEvents() {
  }
}
