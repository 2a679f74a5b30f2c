package chat.weiliao.common.bus;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a client may send to chat-service, as {@link ChatApi}'s request readers check it: the id
 * formats, message contents, group names and member lists, and arguments that arrive either in a
 * frame payload (typed JSON) or in an HTTP path or query (strings), so one reader serves both.
 */
public final class ChatRules {
  private static final Pattern CONVERSATION =
      Pattern.compile("^(d_[0-9]{5,20}_[0-9]{5,20}|g_[a-z0-9]{1,64})$");
  private static final Pattern MESSAGE = Pattern.compile("^m[0-9a-f]{24}$");
  private static final Pattern GROUP = Pattern.compile("^[0-9a-f]{16}$");

  public static final int MAX_TEXT = 4096;
  public static final long MAX_MEDIA_BYTES = 10L * 1024 * 1024;

  /** A voice message's duration, in whole milliseconds (contract 1.1 §5.2). */
  public static final int MIN_VOICE_MILLIS = 500;

  public static final int MAX_VOICE_MILLIS = 60_000;

  /** A group's members, its owner included. */
  public static final int MIN_MEMBERS = 3;

  public static final int MAX_MEMBERS = 500;

  private ChatRules() {}

  public static String conversationId(Object value) {
    if (!(value instanceof String id) || !CONVERSATION.matcher(id).matches()) {
      throw ApiException.invalid("conversationId is not a conversation id");
    }
    return id;
  }

  public static boolean isConversationId(String value) {
    return CONVERSATION.matcher(value).matches();
  }

  public static boolean isDirect(String conversationId) {
    return conversationId.startsWith("d_");
  }

  public static String messageId(Object value) {
    if (!(value instanceof String id) || !MESSAGE.matcher(id).matches()) {
      throw ApiException.invalid("messageId is not a message id");
    }
    return id;
  }

  /** A group's id from a route: NOT_FOUND for one that cannot exist, as for one that does not. */
  public static String groupId(String value) {
    if (value == null || !GROUP.matcher(value).matches()) {
      throw ApiException.notFound("No such group");
    }
    return value;
  }

  /** Path and query values win over the body, so a body cannot redirect an HTTP route. */
  public static Object value(BusCall call, String name) {
    String fromParams = call.param(name);
    return fromParams != null ? fromParams : call.body().getValue(name);
  }

  /** A whole number from the route's parameters or the body, or null when neither has it. */
  public static Long optionalLong(BusCall call, String name, long min, long max) {
    String fromParams = call.param(name);
    if (fromParams != null) {
      return Validation.integerParam(fromParams, name, min, max, 0);
    }
    Object fromBody = call.body().getValue(name);
    return fromBody == null
        ? null
        : Validation.integer(new JsonObject().put(name, fromBody), name, min, max);
  }

  /**
   * A message's content as a client may send it: text, image, file or voice, each with exactly the
   * contract's fields, checked and copied (unknown fields are dropped). call and system messages
   * come only from the server. That a voice message's media is audio is checked against the store
   * by chat-service, not here.
   */
  public static JsonObject clientContent(String kind, JsonObject content) {
    return switch (kind) {
      case "text" -> text(content);
      case "image" -> Validation.image(content);
      case "file" ->
          new JsonObject()
              .put("url", Validation.mediaUrl(content, "url"))
              .put("name", Validation.string(content, "name", 1, 255))
              .put("size", Validation.integer(content, "size", 0, MAX_MEDIA_BYTES));
      case "voice" ->
          new JsonObject()
              .put("url", Validation.mediaUrl(content, "url"))
              .put(
                  "duration",
                  Validation.integer(content, "duration", MIN_VOICE_MILLIS, MAX_VOICE_MILLIS));
      case "call", "system" ->
          throw ApiException.invalid("Only the server writes " + kind + " messages");
      default -> throw ApiException.invalid("kind must be text, image, file or voice");
    };
  }

  private static JsonObject text(JsonObject content) {
    String text = Validation.string(content, "text", 1, MAX_TEXT);
    if (text.isBlank()) {
      throw ApiException.invalid("text must not be blank");
    }
    return new JsonObject().put("text", text);
  }

  /** A group's name: one line of 1 to 32 characters, trimmed, not blank. */
  public static String groupName(JsonObject body) {
    String name = Validation.line(body, "name", 1, 32).strip();
    if (name.isEmpty()) {
      throw ApiException.invalid("name must not be blank");
    }
    return name;
  }

  /** 1 to {@link #MAX_MEMBERS} phones, each named by its place when it is not one. */
  public static List<String> phones(JsonObject body, String field) {
    JsonArray array = Validation.array(body, field, 1, MAX_MEMBERS);
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      phones.add(
          Validation.phone(
              new JsonObject().put(field + "[" + i + "]", array.getValue(i)),
              field + "[" + i + "]"));
    }
    return phones;
  }
}
