package chat.weiliao.chat;

import static chat.weiliao.common.FuzzSupport.check;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.FuzzSupport;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.ChatRules;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes {@link ChatRules#clientContent}, which checks and copies the content of every message a
 * client sends. It may return or throw INVALID_ARGUMENT; what it returns holds exactly the
 * contract's fields for the kind, within bounds.
 *
 * <p>Input layout: the last byte picks the kind ({@code '0'} text, {@code '1'} image, {@code '2'}
 * file, {@code '3'} call, {@code '4'} system, {@code '5'} an odd kind chosen by the byte before it,
 * {@code '8'} voice, any other a fuzzed kind); before that comes the content as in {@link
 * FuzzSupport#document}: a JSON object and a newline. So a seed reads {@code {"text":"hi"}\n0}.
 * Seeds are in {@code
 * src/test/resources/chat/weiliao/chat/ContentRulesFuzzTestInputs/clientContent/}.
 */
class ContentRulesFuzzTest {
  private static final List<String> KINDS = List.of("text", "image", "file", "call", "system");
  private static final List<String> ODD_KINDS =
      List.of(
          "", "Text", "TEXT", "text ", " text", "audio", "video", "location", "text\u0000", "ｔｅｘｔ");
  private static final Pattern MEDIA_URL = Pattern.compile("/api/media/[0-9a-f]{32}");

  @BeforeAll
  static void findings() {
    FuzzSupport.ensureFindingsDirectory();
  }

  @DictionaryEntries({
    "\"text\"",
    "\"url\"",
    "\"width\"",
    "\"height\"",
    "\"name\"",
    "\"size\"",
    "\"duration\"",
    "\"/api/media/",
    "0123456789abcdef",
    "10485760",
    "100000",
    "1e999",
    "9223372036854775808",
    "\\u0000",
    "\\u3000",
    "\\ud83d"
  })
  @FuzzTest(maxDuration = "30s")
  void clientContent(FuzzedDataProvider data) {
    int choice = data.consumeInt(0, 15);
    String kind =
        choice < KINDS.size()
            ? KINDS.get(choice)
            : choice == 5
                ? data.pickValue(ODD_KINDS)
                : choice == 8 ? "voice" : data.consumeString(16);
    JsonObject content = FuzzSupport.document(data);

    JsonObject accepted;
    try {
      accepted = ChatRules.clientContent(kind, content);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected, ErrorCode.INVALID_ARGUMENT);
      return;
    }
    check(accepted != null, "clientContent returned null");
    switch (kind) {
      case "text" -> {
        check(
            accepted.fieldNames().equals(Set.of("text")), "text fields: " + accepted.fieldNames());
        String text = accepted.getString("text");
        int length = Validation.length(text);
        check(
            length >= 1 && length <= ChatRules.MAX_TEXT && !text.isBlank(),
            "text of " + length + " characters accepted");
      }
      case "image" -> {
        check(
            accepted.fieldNames().equals(Set.of("url", "width", "height")),
            "image fields: " + accepted.fieldNames());
        checkUrl(accepted);
        checkRange(accepted.getLong("width"), 1, 100_000, "width");
        checkRange(accepted.getLong("height"), 1, 100_000, "height");
      }
      case "file" -> {
        check(
            accepted.fieldNames().equals(Set.of("url", "name", "size")),
            "file fields: " + accepted.fieldNames());
        checkUrl(accepted);
        int length = Validation.length(accepted.getString("name"));
        check(length >= 1 && length <= 255, "name of " + length + " characters accepted");
        checkRange(accepted.getLong("size"), 0, ChatRules.MAX_MEDIA_BYTES, "size");
      }
      case "voice" -> {
        check(
            accepted.fieldNames().equals(Set.of("url", "duration")),
            "voice fields: " + accepted.fieldNames());
        checkUrl(accepted);
        checkRange(
            accepted.getLong("duration"),
            ChatRules.MIN_VOICE_MILLIS,
            ChatRules.MAX_VOICE_MILLIS,
            "duration");
      }
      default -> throw new AssertionError("kind " + kind + " accepted");
    }
  }

  private static void checkUrl(JsonObject accepted) {
    check(
        MEDIA_URL.matcher(accepted.getString("url")).matches(), "url " + accepted.getString("url"));
  }

  private static void checkRange(long value, long min, long max, String field) {
    check(value >= min && value <= max, field + " " + value + " accepted");
  }
}
