package chat.weiliao.common.contract;

import java.util.List;

/**
 * The objects of the client contract (protocol §1, §5), as the server sends them. These records are
 * the catalogue's description of each shape: {@link ContractTypeScript} writes the web client's
 * types from them and {@link ContractSchema} checks what the server sends against them. Enum
 * constants are the wire values ({@code _} stands for {@code -}).
 */
public final class ContractObjects {
  private ContractObjects() {}

  public enum MessageKind {
    text,
    image,
    file,
    voice,
    call,
    system
  }

  public enum RequestStatus {
    pending,
    accepted,
    declined
  }

  public enum ConversationType {
    direct,
    group
  }

  public enum CallMedia {
    audio,
    video
  }

  public enum CallResult {
    completed,
    declined,
    cancelled,
    missed,
    failed
  }

  public record User(
      String phone, String nickname, @MayBeNull String avatar, String signature, long createdAt) {}

  /** A user as one of the viewer's contacts. */
  public record Contact(
      String phone,
      String nickname,
      @MayBeNull String avatar,
      String signature,
      long createdAt,
      String remark,
      boolean online,
      @MayBeNull Long lastSeen) {}

  /**
   * A user as the viewer sees them: with the contact fields when they are the viewer's contact (a
   * direct conversation's peer, people in moments).
   */
  public record UserOrContact(
      String phone,
      String nickname,
      @MayBeNull String avatar,
      String signature,
      long createdAt,
      @MayBeAbsent String remark,
      @MayBeAbsent Boolean online,
      @MayBeAbsent @MayBeNull Long lastSeen) {}

  public record ContactRequest(
      String id,
      String from,
      String to,
      String greeting,
      RequestStatus status,
      long createdAt,
      User fromUser,
      User toUser) {}

  public sealed interface MessageContent
      permits TextContent, ImageContent, FileContent, VoiceContent, CallContent, SystemContent {}

  public record TextContent(String text) implements MessageContent {}

  public record ImageContent(String url, int width, int height) implements MessageContent {}

  public record FileContent(String url, String name, long size) implements MessageContent {}

  /** {@code duration} in whole milliseconds, 500 to 60,000. */
  public record VoiceContent(String url, int duration) implements MessageContent {}

  /** {@code duration} in seconds. */
  public record CallContent(String callId, CallMedia media, CallResult result, long duration)
      implements MessageContent {}

  public record SystemContent(String text, String event) implements MessageContent {}

  /** A reply's snapshot of the message it quotes: text only for text messages (100 characters). */
  public record Quote(
      String id,
      long seq,
      String from,
      MessageKind kind,
      @MayBeNull String text,
      @MayBeAbsent Boolean recalled) {}

  /** A recalled message keeps its id and seq, with {@code content} null. */
  public record Message(
      String id,
      String conversationId,
      long seq,
      String from,
      MessageKind kind,
      @MayBeNull MessageContent content,
      @MayBeNull String clientMsgId,
      long createdAt,
      boolean recalled,
      @MayBeAbsent Quote replyTo,
      @MayBeAbsent List<String> mentions,
      @MayBeAbsent Boolean mentionAll) {}

  /**
   * In lists and session.ready a summary: the first 9 members by join order and {@code
   * memberCount}; {@code GET /api/groups/{id}} has every member.
   */
  public record Group(
      String id,
      String name,
      String owner,
      String notice,
      List<User> members,
      @MayBeAbsent Integer memberCount,
      long createdAt) {}

  public record Conversation(
      String id,
      ConversationType type,
      @MayBeNull UserOrContact peer,
      @MayBeNull Group group,
      @MayBeNull Message lastMessage,
      long lastSeq,
      long readSeq,
      long unread,
      @MayBeAbsent Long mentionedSeq,
      long updatedAt,
      @MayBeAbsent Long peerReadSeq,
      @MayBeAbsent Boolean pinned,
      @MayBeAbsent Boolean muted) {}

  public record IceServer(
      List<String> urls, @MayBeAbsent String username, @MayBeAbsent String credential) {}

  public record MomentImage(String url, int width, int height) {}

  public record Comment(
      String id,
      UserOrContact from,
      @MayBeNull UserOrContact replyTo,
      String text,
      long createdAt) {}

  /** Likes and comments: only those by the viewer and the viewer's contacts (WeChat's rule). */
  public record Moment(
      String id,
      UserOrContact author,
      String text,
      List<MomentImage> images,
      long createdAt,
      List<UserOrContact> likes,
      List<Comment> comments) {}
}
