package chat.weiliao.common.contract;

import chat.weiliao.common.contract.ContractObjects.CallMedia;
import chat.weiliao.common.contract.ContractObjects.Comment;
import chat.weiliao.common.contract.ContractObjects.Contact;
import chat.weiliao.common.contract.ContractObjects.ContactRequest;
import chat.weiliao.common.contract.ContractObjects.Conversation;
import chat.weiliao.common.contract.ContractObjects.Group;
import chat.weiliao.common.contract.ContractObjects.IceServer;
import chat.weiliao.common.contract.ContractObjects.Message;
import chat.weiliao.common.contract.ContractObjects.User;
import java.util.List;

/** The payload of each server → client event (protocol §3 and §5), one record per shape. */
public final class EventPayloads {
  private EventPayloads() {}

  public enum CallEndReason {
    timeout,
    disconnected,
    answered_elsewhere
  }

  public enum ActivityKind {
    like,
    comment
  }

  /** The first frame of every connection: the first page of conversations, pinned ones first. */
  public record SessionReadyPayload(
      Wire<User> user,
      long serverTime,
      List<Wire<Conversation>> conversations,
      @MayBeAbsent Boolean hasMore,
      @MayBeAbsent String next) {}

  public record MessageNewPayload(Wire<Message> message) {}

  public record MessageRecalledPayload(String conversationId, String messageId, long seq) {}

  public record MessageReadPayload(String conversationId, String reader, long seq) {}

  public record TypingPayload(String conversationId, String from) {}

  /** {@code lastSeen} is null while online. */
  public record PresencePayload(String phone, boolean online, @MayBeNull Long lastSeen) {}

  public record ContactRequestPayload(Wire<ContactRequest> request) {}

  public record ContactAddedPayload(Wire<Contact> contact) {}

  public record ContactRemovedPayload(String phone) {}

  public record GroupUpdatedPayload(Wire<Group> group) {}

  public record UserUpdatedPayload(Wire<User> user) {}

  public record ConversationUpdatedPayload(Wire<Conversation> conversation) {}

  public record MomentNewPayload(String momentId, String author) {}

  /** {@code comment} only for kind {@code comment}. */
  public record MomentActivityPayload(
      String momentId, ActivityKind kind, String from, @MayBeAbsent Wire<Comment> comment) {}

  public record InviteOfferPayload(
      String callId, String from, CallMedia media, List<Wire<IceServer>> iceServers) {}

  /** invite-accept, invite-refuse, invite-cancel and hang-up: which call, and who. */
  public record CallSignalPayload(String callId, String from) {}

  /** video-offer and video-answer, relayed: the SDP as the other party sent it (text or object). */
  public record SdpPayload(String callId, String from, Object sdp) {}

  /** new-ice-candidate, relayed; null marks the end of the candidates. */
  public record IceCandidatePayload(String callId, String from, @MayBeNull Object candidate) {}

  public record CallEndedPayload(String callId, CallEndReason reason) {}

  public record PongPayload(long serverTime) {}
}
