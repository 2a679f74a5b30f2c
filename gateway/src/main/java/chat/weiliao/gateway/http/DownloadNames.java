package chat.weiliao.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a media download (RFC 6266): the name the client asks for with
 * {@code ?name=} (a file message's original name), sanitised, as an ASCII {@code filename} fallback
 * and an RFC 8187 {@code filename*} in UTF-8. No name, or nothing left of it, falls back to the id.
 *
 * <p>Written by hand: the JDK's URLEncoder is for forms (a space becomes '+'), and no library on
 * the classpath encodes RFC 8187 values.
 */
final class DownloadNames {
  static final int MAX_CODE_POINTS = 200;

  private DownloadNames() {}

  static String attachment(String id, String requested) {
    String name = sanitise(requested);
    if (name.isEmpty()) {
      return "attachment; filename=\"" + id + "\"";
    }
    return "attachment; filename=\""
        + asciiFallback(name)
        + "\"; filename*=UTF-8''"
        + percentEncode(name);
  }

  /**
   * Drops control and format characters, path separators and characters that mean something in a
   * header or to a file system; trims spaces and leading dots (no hidden or relative names); keeps
   * at most {@link #MAX_CODE_POINTS} code points.
   */
  static String sanitise(String requested) {
    if (requested == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    requested
        .codePoints()
        .limit(10_000)
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              boolean unsafe =
                  Character.isISOControl(cp)
                      || type == Character.FORMAT
                      || type == Character.SURROGATE
                      || type == Character.LINE_SEPARATOR
                      || type == Character.PARAGRAPH_SEPARATOR
                      || "/\\\"<>:|?*;%".indexOf(cp) >= 0;
              out.appendCodePoint(unsafe ? '_' : cp);
            });
    String name = out.toString().strip();
    int start = 0;
    while (start < name.length() && (name.charAt(start) == '.' || name.charAt(start) == '_')) {
      start++;
    }
    name = name.substring(start).strip();
    if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
      name = name.substring(0, name.offsetByCodePoints(0, MAX_CODE_POINTS));
    }
    return name;
  }

  private static String asciiFallback(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? (char) cp : '_'));
    return out.toString();
  }

  /** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
  static String percentEncode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
