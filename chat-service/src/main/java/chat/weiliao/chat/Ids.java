package chat.weiliao.chat;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New identifiers: messages, groups and media ({@link chat.weiliao.common.bus.ChatRules} reads
 * them).
 */
final class Ids {
  private static final SecureRandom random = new SecureRandom();

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

  static String newGroupId() {
    return hex(8);
  }
}
