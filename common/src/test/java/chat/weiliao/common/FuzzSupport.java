package chat.weiliao.common;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shared pieces of the fuzz tests in this module: turning fuzzer bytes into the JSON documents a
 * request can carry, and checking the one failure the readers are allowed.
 *
 * <p>Documents come in two shapes. Most fuzzed inputs are JSON text (that is what arrives over HTTP
 * and WebSocket, and what the seed corpus holds). Built documents add what JSON text cannot spell
 * but a {@link JsonObject} handed around in-process can hold: NaN and infinities, floats, {@link
 * BigDecimal}s with huge exponents, binary values and arrays far past the limits.
 */
public final class FuzzSupport {
  /** How deep a built document may nest: past {@link Validation#MAX_DEPTH}, to test the limit. */
  public static final int BUILD_DEPTH = Validation.MAX_DEPTH + 3;

  /** Field names the readers are asked for besides the document's own. */
  public static final List<String> FIELDS =
      List.of(
          "",
          "phone",
          "to",
          "text",
          "url",
          "name",
          "width",
          "height",
          "size",
          "seq",
          "limit",
          "content",
          "members",
          "conversationId",
          "$where",
          "a.b");

  private static final List<String> KEYS =
      List.of(
          "", "$", "$gt", "$where", "a.b", ".", "text", "url", "phone", "content", "payload",
          "type", "id", "width", "size", "名字", "\u0000");

  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "\t\n",
          "13800000001",
          "0000",
          "123456789012345678901",
          "/api/media/0123456789abcdef0123456789abcdef",
          "/api/media/0123456789ABCDEF0123456789ABCDEF",
          "/api/media/../../etc/passwd",
          "d_13800000001_13800000002",
          "g_0123456789abcdef",
          "9223372036854775808",
          "-0",
          "1e3",
          "👍",
          "\uD83D",
          "\u202Eevil",
          "a".repeat(257),
          "漢".repeat(4097));

  private FuzzSupport() {}

  /** Makes the directory findings are written to (see the surefire "fuzz" execution). */
  public static void ensureFindingsDirectory() {
    String dir = System.getProperty("fuzz.findings");
    if (dir != null && !dir.isBlank()) {
      try {
        Files.createDirectories(Path.of(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The UTF-8 text as a JSON object, or null when it is not one. */
  public static JsonObject parseObject(byte[] utf8) {
    try {
      return Json.decodeValue(new String(utf8, StandardCharsets.UTF_8)) instanceof JsonObject object
          ? object
          : null;
    } catch (DecodeException | IllegalArgumentException notJson) {
      return null;
    }
  }

  /**
   * A document from the rest of the input. The input's last byte picks the shape: even (as a
   * trailing newline is) means the remaining bytes are JSON text, so a seed file is a JSON object
   * followed by a newline; odd means a document built from the fuzzer's choices.
   */
  public static JsonObject document(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return object(data, 1);
    }
    JsonObject parsed = parseObject(data.consumeRemainingAsBytes());
    return parsed == null ? new JsonObject() : parsed;
  }

  public static JsonObject object(FuzzedDataProvider data, int depth) {
    JsonObject object = new JsonObject();
    int size = data.consumeInt(0, 6);
    for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
      object.put(key(data), value(data, depth + 1));
    }
    return object;
  }

  public static JsonArray array(FuzzedDataProvider data, int depth) {
    JsonArray array = new JsonArray();
    int shape = data.consumeInt(0, 4);
    if (shape == 0) {
      // A big array of one repeated value, around the MAX_ARRAY limit.
      int size = Validation.MAX_ARRAY + data.consumeInt(-2, 50);
      Object item = data.consumeBoolean() ? data.consumeInt() : data.consumeString(4);
      for (int i = 0; i < size; i++) {
        array.add(item);
      }
      return array;
    }
    int size = data.consumeInt(0, 6);
    for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
      array.add(value(data, depth + 1));
    }
    return array;
  }

  public static String key(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(12);
  }

  public static Object value(FuzzedDataProvider data, int depth) {
    int kinds = depth >= BUILD_DEPTH ? 12 : 14;
    switch (data.consumeInt(0, kinds - 1)) {
      case 0:
        return null;
      case 1:
        return data.consumeBoolean();
      case 2:
        return data.consumeInt();
      case 3:
        return data.consumeLong();
      case 4:
        return data.consumeDouble(); // NaN, infinities, -0.0, subnormals included
      case 5:
        return data.consumeFloat();
      case 6:
        {
          byte[] magnitude = data.consumeBytes(24);
          return magnitude.length == 0 ? BigInteger.ZERO : new BigInteger(magnitude);
        }
      case 7:
        {
          byte[] unscaled = data.consumeBytes(16);
          return new BigDecimal(
              unscaled.length == 0 ? BigInteger.ONE : new BigInteger(unscaled),
              data.consumeInt(-400, 400));
        }
      case 8:
        return data.consumeString(64);
      case 9:
        return data.pickValue(STRINGS);
      case 10:
        return data.consumeBytes(16); // binary: JsonObject hands it out as base64 text
      case 11:
        return data.consumeInt(0, 1) == 0
            ? (short) data.consumeInt()
            : (long) data.consumeInt(0, 100_001);
      case 12:
        return object(data, depth);
      default:
        return array(data, depth);
    }
  }

  /** The one failure a reader may report: INVALID_ARGUMENT with a message. */
  public static void checkRejection(ApiException rejection) {
    checkRejection(rejection, ErrorCode.INVALID_ARGUMENT);
  }

  /** A rejection must carry the expected code and a message. */
  public static void checkRejection(ApiException rejection, ErrorCode expected) {
    if (rejection.code() != expected || rejection.getMessage() == null) {
      throw new AssertionError(
          "unexpected rejection " + rejection.code() + ": " + rejection.getMessage());
    }
  }

  public static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
