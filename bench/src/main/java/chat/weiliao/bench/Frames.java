package chat.weiliao.bench;

/**
 * Cheap field extraction from frames the server encodes, so the client spends its CPU sparingly.
 */
final class Frames {
  private Frames() {}

  /** The value of the first {@code "key":"..."} string field, or null. */
  static String string(String text, String key) {
    String marker = "\"" + key + "\":\"";
    int at = text.indexOf(marker);
    if (at < 0) {
      return null;
    }
    int from = at + marker.length();
    return text.substring(from, text.indexOf('"', from));
  }

  /** The envelope type: the value of the first "type" field (the server writes it first). */
  static String type(String text) {
    return string(text, "type");
  }

  /** The leading decimal number in the message text {@code "text":"<nanos> ..."}. */
  static long leadingNumber(String text, String key) {
    return digitsAfter(text, "\"" + key + "\":\"");
  }

  /** The value of the first {@code "key":<digits>} number field, or -1. */
  static long number(String text, String key) {
    return digitsAfter(text, "\"" + key + "\":");
  }

  private static long digitsAfter(String text, String marker) {
    int at = text.indexOf(marker);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    for (int i = at + marker.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
