package chat.weiliao.common;

import static chat.weiliao.common.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the two readers of untrusted JSON with the same bytes:
 *
 * <ul>
 *   <li>{@link Envelope#parse}, the gateway's reader for every WebSocket text frame (the bytes
 *       decoded as UTF-8). It must never throw: a bad frame comes back with {@code error()} set,
 *       and exactly one of error and payload is set.
 *   <li>{@link Envelope#body}, the reader for every HTTP JSON body (the raw bytes, which need not
 *       be UTF-8). It may return a safe object or throw INVALID_ARGUMENT.
 * </ul>
 *
 * <p>One target for both keeps CI to one JVM start (Jazzer fuzzes one test per JVM). The seeds,
 * frames and bodies as they arrive on the wire, are in {@code
 * src/test/resources/chat/weiliao/common/EnvelopeFuzzTestInputs/envelope/}.
 */
class EnvelopeFuzzTest {
  @BeforeAll
  static void findings() {
    FuzzSupport.ensureFindingsDirectory();
  }

  @DictionaryEntries({
    "\"type\"",
    "\"id\"",
    "\"payload\"",
    "\"message.send\"",
    "\"ping\"",
    "\"phone\"",
    "\"text\"",
    "\"$where\"",
    "\"$set\"",
    "\"a.b\"",
    "[[[[[[[[",
    "{\"a\":{\"a\":{\"a\":",
    "null",
    "true",
    "1e999",
    "\\u0000",
    "\\ud83d",
    "\uFEFF{"
  })
  @FuzzTest(maxDuration = "30s")
  void envelope(byte[] input) {
    frame(new String(input, StandardCharsets.UTF_8));
    body(input);
  }

  private static void frame(String text) {
    Envelope frame = Envelope.parse(text); // anything thrown here is a finding

    check(frame != null, "parse returned null");
    check(
        (frame.error() == null) != (frame.payload() == null),
        "exactly one of error and payload must be set: " + frame);
    check(
        frame.id() == null || frame.id().length() <= Envelope.MAX_ID, "id too long: " + frame.id());
    if (frame.error() != null) {
      FuzzSupport.checkRejection(frame.error());
    } else {
      check(frame.type() != null, "an accepted frame has a type");
      checkSafe(frame.payload(), "payload");
    }
  }

  private static void body(byte[] input) {
    if (input.length == 0) {
      check(Envelope.body(null).isEmpty(), "a missing body reads as {}");
    }
    JsonObject body;
    try {
      body = Envelope.body(Buffer.buffer(input));
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected);
      return;
    }
    check(body != null, "body returned null");
    checkSafe(body, "body");
  }

  private static void checkSafe(JsonObject accepted, String what) {
    try {
      Validation.safeDocument(accepted);
    } catch (ApiException unsafe) {
      throw new AssertionError(
          "an accepted " + what + " is not safe: " + unsafe.getMessage(), unsafe);
    }
  }
}
