package chat.weiliao.chat;

import static chat.weiliao.common.FuzzSupport.check;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.FuzzSupport;
import chat.weiliao.common.bus.ChatRules;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the small readers of client-chosen strings with the same value:
 *
 * <ul>
 *   <li>{@link ChatRules#conversationId}, {@link ChatRules#messageId} and {@link
 *       ChatRules#groupId}: each returns the value unchanged or throws its ApiException
 *       (INVALID_ARGUMENT; NOT_FOUND for a group).
 *   <li>{@link MediaHandlers#contentType}, which turns an upload's declared Content-Type into the
 *       stored type: a plain lower-case type/subtype or application/octet-stream (an ApiException
 *       would be tolerated; nothing else is).
 * </ul>
 *
 * <p>One target for both keeps CI to one JVM start (Jazzer fuzzes one test per JVM). Input layout:
 * the last byte picks the value's shape; a newline, like most ASCII, means "the rest of the input
 * as UTF-8 text", others give null, a number, a JSON value or Jazzer's own string decoding. So a
 * seed is an id or a header value followed by a newline. Seeds are in {@code
 * src/test/resources/chat/weiliao/chat/IdsAndContentTypeFuzzTestInputs/values/}.
 */
class IdsAndContentTypeFuzzTest {
  private static final Pattern PLAIN_TYPE =
      Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}");

  @BeforeAll
  static void findings() {
    FuzzSupport.ensureFindingsDirectory();
  }

  @DictionaryEntries({
    "d_",
    "g_",
    "_",
    "m",
    "0123456789abcdef",
    "13800000001",
    "image/png",
    "application/octet-stream",
    ";",
    "; charset=utf-8",
    "/",
    "\u0130",
    "\u212A"
  })
  @FuzzTest(maxDuration = "30s")
  void values(FuzzedDataProvider data) {
    Object value =
        switch (data.consumeInt(0, 7)) {
          case 3 -> data.consumeRemainingAsString();
          case 4 -> null;
          case 5 -> data.consumeLong();
          case 6, 7 -> FuzzSupport.value(data, 1);
          default -> new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        };
    String text = value instanceof String string ? string : null;

    ids(value, text);
    contentType(text);
  }

  private static void ids(Object value, String text) {
    try {
      String id = ChatRules.conversationId(value);
      check(
          id.equals(value) && (id.startsWith("d_") || id.startsWith("g_")),
          "conversationId returned " + id + " for " + value);
      check(ChatRules.isDirect(id) == id.startsWith("d_"), "isDirect disagrees for " + id);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected, ErrorCode.INVALID_ARGUMENT);
    }
    try {
      String id = ChatRules.messageId(value);
      check(
          id.equals(value) && id.length() == 25 && id.charAt(0) == 'm',
          "messageId returned " + id + " for " + value);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected, ErrorCode.INVALID_ARGUMENT);
    }
    try {
      String id = ChatRules.groupId(text);
      check(
          id.equals(text)
              && id.length() == 16
              && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')),
          "groupId returned " + id + " for " + text);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected, ErrorCode.NOT_FOUND);
    }
  }

  private static void contentType(String declared) {
    String type;
    try {
      type = MediaHandlers.contentType(declared);
    } catch (ApiException tolerated) {
      return;
    }
    check(type != null, "contentType returned null");
    check(
        type.equals("application/octet-stream") || PLAIN_TYPE.matcher(type).matches(),
        "contentType returned '" + type + "' for '" + declared + "'");
  }
}
