package chat.weiliao.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Strict readers for request fields. Each one checks type and bounds and fails with
 * INVALID_ARGUMENT naming the field, so nothing unchecked reaches a store.
 */
public final class Validation {
  private static final Pattern PHONE = Pattern.compile("^[0-9]{5,20}$");

  /** Our own media urls: /api/media/ and 128 random bits in hex. */
  private static final Pattern MEDIA_URL = Pattern.compile("^/api/media/[0-9a-f]{32}$");

  private Validation() {}

  /** How deep a request body or frame payload may nest. */
  public static final int MAX_DEPTH = 8;

  /** How many items any array in a request may hold. */
  public static final int MAX_ARRAY = 1000;

  /**
   * Rejects what has no business reaching a store: keys that start with '$' or contain '.' (MongoDB
   * operators and paths), nesting deeper than {@link #MAX_DEPTH}, arrays longer than {@link
   * #MAX_ARRAY}. Cheap: one walk, stopping at the first offence.
   */
  public static void safeDocument(JsonObject body) {
    walk(body, 1);
  }

  private static void walk(Object value, int depth) {
    if (value instanceof JsonObject object) {
      if (depth > MAX_DEPTH) {
        throw ApiException.invalid("The request nests too deeply");
      }
      for (String key : object.fieldNames()) {
        if (key.startsWith("$") || key.contains(".")) {
          throw ApiException.invalid("Field names may not start with '$' or contain '.'");
        }
        walk(object.getValue(key), depth + 1);
      }
    } else if (value instanceof JsonArray array) {
      if (depth > MAX_DEPTH) {
        throw ApiException.invalid("The request nests too deeply");
      }
      if (array.size() > MAX_ARRAY) {
        throw ApiException.invalid("Arrays hold at most " + MAX_ARRAY + " items");
      }
      for (Object item : array) {
        walk(item, depth + 1);
      }
    }
  }

  public static boolean isPhone(String value) {
    return value != null && PHONE.matcher(value).matches();
  }

  public static boolean isMediaUrl(String value) {
    return value != null && MEDIA_URL.matcher(value).matches();
  }

  /** A url returned by POST /api/media. */
  public static String mediaUrl(JsonObject body, String field) {
    String url = string(body, field, 1, 256);
    if (!isMediaUrl(url)) {
      throw ApiException.invalid(field + " must be a media url returned by POST /api/media");
    }
    return url;
  }

  /**
   * An image as messages and moments carry it: {@code {url, width, height}}, one of our media urls,
   * 1–100,000 pixels a side.
   */
  public static JsonObject image(JsonObject given) {
    return new JsonObject()
        .put("url", mediaUrl(given, "url"))
        .put("width", integer(given, "width", 1, 100_000))
        .put("height", integer(given, "height", 1, 100_000));
  }

  public static String phone(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || !isPhone(text)) {
      throw ApiException.invalid(field + " must be a phone number of 5 to 20 digits");
    }
    return text;
  }

  /** A path or query value that must be a phone. */
  public static String phoneParam(String value, String name) {
    if (!isPhone(value)) {
      throw ApiException.invalid(name + " must be a phone number of 5 to 20 digits");
    }
    return value;
  }

  public static String string(JsonObject body, String field, int min, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof String text)) {
      throw ApiException.invalid(field + " is required and must be a string");
    }
    return bounded(field, text, min, max);
  }

  /** The boolean, or null when the field is absent or null; anything else is INVALID_ARGUMENT. */
  public static Boolean optionalBoolean(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      throw ApiException.invalid(field + " must be true or false");
    }
    return (Boolean) value;
  }

  /** The string, or null when the field is absent or null. */
  public static String optionalString(JsonObject body, String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw ApiException.invalid(field + " must be a string");
    }
    return bounded(field, text, min, max);
  }

  /**
   * Display text on one line (nicknames, group names, remarks, signatures, greetings): other
   * clients show it inside lines the server writes ("Bob left the group"), so characters that could
   * make it read as something else are refused: control characters (newlines included), bidi marks,
   * embeddings, overrides and isolates (U+061C, U+200E–200F, U+202A–202E, U+2066–2069) and the line
   * and paragraph separators (U+2028–2029).
   */
  public static String line(JsonObject body, String field, int min, int max) {
    return displayable(field, string(body, field, min, max), false);
  }

  /** {@link #line}, or null when the field is absent or null. */
  public static String optionalLine(JsonObject body, String field, int min, int max) {
    String text = optionalString(body, field, min, max);
    return text == null ? null : displayable(field, text, false);
  }

  /** Like {@link #optionalLine} but may hold line breaks (a group notice). */
  public static String optionalParagraphs(JsonObject body, String field, int min, int max) {
    String text = optionalString(body, field, min, max);
    return text == null ? null : displayable(field, text, true);
  }

  private static String displayable(String field, String text, boolean newlines) {
    boolean safe = text.codePoints().allMatch(c -> newlines && c == '\n' || !rewritesDisplay(c));
    if (!safe) {
      throw ApiException.invalid(field + " must not contain control or text-direction characters");
    }
    return text;
  }

  private static boolean rewritesDisplay(int c) {
    return Character.getType(c) == Character.CONTROL
        || c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069
        || c == 0x2028
        || c == 0x2029;
  }

  public static long integer(JsonObject body, String field, long min, long max) {
    Object value = body.getValue(field);
    if (!(value instanceof Number number)
        || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw ApiException.invalid(field + " is required and must be a whole number");
    }
    // longValue() of a number beyond 64 bits silently wraps or clamps: refuse it instead.
    if (number instanceof java.math.BigInteger big && big.bitLength() > 63
        || number instanceof java.math.BigDecimal decimal
            && decimal.abs().compareTo(LONG_LIMIT) >= 0
        || Math.abs(number.doubleValue()) >= 9.2e18) {
      throw ApiException.invalid(field + " must be between " + min + " and " + max);
    }
    return bounded(field, number.longValue(), min, max);
  }

  private static final java.math.BigDecimal LONG_LIMIT = new java.math.BigDecimal(Long.MAX_VALUE);

  /** The number, or the fallback when the field is absent or null. */
  public static long optionalInteger(
      JsonObject body, String field, long min, long max, long fallback) {
    return body.getValue(field) == null ? fallback : integer(body, field, min, max);
  }

  /** A whole number from a query string, or the fallback when absent. */
  public static long integerParam(String value, String name, long min, long max, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return bounded(name, Long.parseLong(value), min, max);
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name + " must be a whole number");
    }
  }

  public static JsonArray array(JsonObject body, String field, int min, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw ApiException.invalid(field + " is required and must be an array");
    }
    if (array.size() < min || array.size() > max) {
      throw ApiException.invalid(field + " must hold " + min + " to " + max + " items");
    }
    return array;
  }

  /** A typed request's list (none: empty), refused beyond {@code max} items. */
  public static <T> List<T> batch(List<T> items, String field, int max) {
    if (items != null && items.size() > max) {
      throw ApiException.invalid(field + " must hold at most " + max + " items");
    }
    return items == null ? List.of() : items;
  }

  public static JsonObject object(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonObject object)) {
      throw ApiException.invalid(field + " is required and must be an object");
    }
    return object;
  }

  /** Length in characters as a person counts them (code points, so an emoji is one). */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String bounded(String field, String text, int min, int max) {
    int length = length(text);
    if (length < min || length > max) {
      throw ApiException.invalid(field + " must be " + min + " to " + max + " characters");
    }
    return text;
  }

  private static long bounded(String field, long number, long min, long max) {
    if (number < min || number > max) {
      throw ApiException.invalid(field + " must be between " + min + " and " + max);
    }
    return number;
  }
}
