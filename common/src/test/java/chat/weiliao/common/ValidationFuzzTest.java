package chat.weiliao.common;

import static chat.weiliao.common.FuzzSupport.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes {@link Validation}'s readers with fuzzed documents: each reader, for each field of the
 * document and a list of usual field names, with a few bound pairs (including an empty and an
 * inverted range). A reader may return or throw INVALID_ARGUMENT; what it returns must respect the
 * bounds it was given.
 *
 * <p>Input layout (see {@link FuzzSupport#document}): a JSON object followed by a newline, or (last
 * byte odd) bytes from which a document is built. Seeds are in {@code
 * src/test/resources/chat/weiliao/common/ValidationFuzzTestInputs/readers/}.
 */
class ValidationFuzzTest {
  private static final Pattern PHONE = Pattern.compile("[0-9]{5,20}");
  private static final Pattern MEDIA_URL = Pattern.compile("/api/media/[0-9a-f]{32}");
  private static final int[][] LENGTHS = {
    {1, 64}, {0, 0}, {5, 1}, {1, 4096}, {0, Integer.MAX_VALUE}
  };
  private static final long[][] NUMBERS = {
    {1, 100_000}, {0, 10L * 1024 * 1024}, {5, 1}, {Long.MIN_VALUE, Long.MAX_VALUE}, {-1, 0}
  };

  @BeforeAll
  static void findings() {
    FuzzSupport.ensureFindingsDirectory();
  }

  @DictionaryEntries({
    "\"phone\"",
    "\"text\"",
    "\"url\"",
    "\"width\"",
    "\"size\"",
    "\"/api/media/",
    "0123456789abcdef",
    "13800000001",
    "\"$where\"",
    "\"a.b\"",
    "1e999",
    "9223372036854775808",
    "-9223372036854775809",
    "1.5",
    "-0",
    "1E+2147483648"
  })
  @FuzzTest(maxDuration = "30s")
  void readers(FuzzedDataProvider data) {
    JsonObject body = FuzzSupport.document(data);

    try {
      Validation.safeDocument(body);
    } catch (ApiException unsafe) {
      FuzzSupport.checkRejection(unsafe);
    }

    Set<String> fields = new LinkedHashSet<>(body.fieldNames());
    fields.addAll(FuzzSupport.FIELDS);
    for (String field : fields) {
      readField(body, field);
      Object value = body.getValue(field);
      if (value instanceof String text) {
        readParams(text);
      }
    }
    readParams(null);
  }

  private static void readField(JsonObject body, String field) {
    Object value = body.getValue(field);
    try {
      String phone = Validation.phone(body, field);
      check(PHONE.matcher(phone).matches() && phone.equals(value), "phone returned " + phone);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected);
    }
    try {
      String url = Validation.mediaUrl(body, field);
      check(MEDIA_URL.matcher(url).matches() && url.equals(value), "mediaUrl returned " + url);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected);
    }
    try {
      JsonObject object = Validation.object(body, field);
      check(object != null, "object returned null");
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected);
    }
    for (int[] bounds : LENGTHS) {
      int min = bounds[0];
      int max = bounds[1];
      try {
        checkLength(Validation.string(body, field, min, max), min, max, value);
      } catch (ApiException rejected) {
        FuzzSupport.checkRejection(rejected);
      }
      try {
        String text = Validation.optionalString(body, field, min, max);
        if (text == null) {
          check(value == null, "optionalString returned null for " + value);
        } else {
          checkLength(text, min, max, value);
        }
      } catch (ApiException rejected) {
        FuzzSupport.checkRejection(rejected);
      }
      try {
        JsonArray array = Validation.array(body, field, min, max);
        check(array.size() >= min && array.size() <= max, "array of " + array.size() + " items");
      } catch (ApiException rejected) {
        FuzzSupport.checkRejection(rejected);
      }
    }
    for (long[] bounds : NUMBERS) {
      long min = bounds[0];
      long max = bounds[1];
      try {
        long number = Validation.integer(body, field, min, max);
        check(number >= min && number <= max, "integer returned " + number + " for " + value);
      } catch (ApiException rejected) {
        FuzzSupport.checkRejection(rejected);
      }
      try {
        long number = Validation.optionalInteger(body, field, min, max, 42);
        check(
            value == null ? number == 42 : number >= min && number <= max,
            "optionalInteger returned " + number + " for " + value);
      } catch (ApiException rejected) {
        FuzzSupport.checkRejection(rejected);
      }
    }
  }

  /** The readers for path and query values. */
  private static void readParams(String text) {
    try {
      String phone = Validation.phoneParam(text, "phone");
      check(PHONE.matcher(phone).matches(), "phoneParam returned " + phone);
    } catch (ApiException rejected) {
      FuzzSupport.checkRejection(rejected);
    }
    for (long[] bounds : NUMBERS) {
      try {
        long number = Validation.integerParam(text, "limit", bounds[0], bounds[1], 42);
        check(
            text == null ? number == 42 : number >= bounds[0] && number <= bounds[1],
            "integerParam returned " + number + " for " + text);
      } catch (ApiException rejected) {
        FuzzSupport.checkRejection(rejected);
      }
    }
  }

  private static void checkLength(String text, int min, int max, Object value) {
    int length = Validation.length(text);
    check(
        length >= min && length <= max && text.equals(value),
        "string of " + length + " characters returned for " + min + ".." + max);
  }
}
