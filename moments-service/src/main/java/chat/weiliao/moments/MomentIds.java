package chat.weiliao.moments;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.MomentsApi;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Moment and comment ids: 12 hex digits of the creation millisecond, then 12 random ones. They sort
 * as they were made, so "newest first" and {@code before=ID} are an order on _id, and two instances
 * never need to agree on a counter.
 */
final class MomentIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MomentIds() {}

  static String next(long createdAt) {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return String.format("%012x", createdAt) + HexFormat.of().formatHex(random);
  }

  /** The id, or NOT_FOUND for anything that cannot be one: no such moment, whatever was asked. */
  static String existing(String value, String what) {
    if (value == null || !MomentsApi.ID.matcher(value).matches()) {
      throw ApiException.notFound("No such " + what);
    }
    return value;
  }
}
