package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Identifier formats: conversations, messages and media urls. */
final class Ids {
  private static final SecureRandom random = new SecureRandom();
  private static final Pattern CONVERSATION =
      Pattern.compile("^(d_[0-9]{5,20}_[0-9]{5,20}|g_[a-z0-9]{1,64})$");
  private static final Pattern MESSAGE = Pattern.compile("^m[0-9a-f]{24}$");
  private static final Pattern GROUP = Pattern.compile("^[0-9a-f]{16}$");

  private Ids() {}

  /**
   * 6 bytes of the time in milliseconds, then 6 random bytes, as MongoDB's ObjectId leads with its
   * time: new messages land at the end of the _id index instead of anywhere in it, so a B-tree
   * store rewrites one page per batch of inserts rather than one page per insert.
   */
  static String newMessageId() {
    return "m" + HexFormat.of().toHexDigits(System.currentTimeMillis()).substring(4) + hex(6);
  }

  static String hex(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }

  static String conversationId(Object value) {
    if (!(value instanceof String id) || !CONVERSATION.matcher(id).matches()) {
      throw ApiException.invalid("conversationId is not a conversation id");
    }
    return id;
  }

  static boolean isConversationId(String value) {
    return CONVERSATION.matcher(value).matches();
  }

  static String messageId(Object value) {
    if (!(value instanceof String id) || !MESSAGE.matcher(id).matches()) {
      throw ApiException.invalid("messageId is not a message id");
    }
    return id;
  }

  static String newGroupId() {
    return hex(8);
  }

  static String groupId(String value) {
    if (value == null || !GROUP.matcher(value).matches()) {
      throw ApiException.notFound("No such group");
    }
    return value;
  }

  static boolean isDirect(String conversationId) {
    return conversationId.startsWith("d_");
  }
}
