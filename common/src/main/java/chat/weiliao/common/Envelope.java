package chat.weiliao.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * A client's WebSocket frame, read strictly: {@code {"type": T, "id": ID, "payload": {...}}}.
 * Reading never throws; a bad frame comes back with {@link #error()} set and, when one could be
 * read, its id so the error can answer it. The payload is checked by {@link
 * Validation#safeDocument} before anything else sees it.
 */
public record Envelope(String type, String id, JsonObject payload, ApiException error) {
  public static final int MAX_ID = 64;

  public static Envelope parse(String text) {
    Object parsed;
    try {
      parsed = Json.decodeValue(Buffer.buffer(text));
    } catch (DecodeException | IllegalArgumentException malformed) {
      return invalid(null, "Malformed JSON frame");
    }
    if (!(parsed instanceof JsonObject frame)) {
      return invalid(null, "A frame is a JSON object");
    }
    Object rawId = frame.getValue("id");
    String id = rawId instanceof String string && string.length() <= MAX_ID ? string : null;
    if (rawId != null && id == null) {
      return invalid(null, "id must be a string of at most 64 characters");
    }
    if (!(frame.getValue("type") instanceof String type)) {
      return invalid(id, "type is required and must be a string");
    }
    Object payload = frame.getValue("payload");
    if (payload != null && !(payload instanceof JsonObject)) {
      return invalid(id, "payload must be an object");
    }
    JsonObject body = payload == null ? new JsonObject() : (JsonObject) payload;
    try {
      Validation.safeDocument(body);
    } catch (ApiException unsafe) {
      return new Envelope(type, id, null, unsafe);
    }
    return new Envelope(type, id, body, null);
  }

  /** An HTTP JSON body: an object, safe, or INVALID_ARGUMENT. An empty body is an empty object. */
  public static JsonObject body(Buffer buffer) {
    if (buffer == null || buffer.length() == 0) {
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(buffer);
    } catch (DecodeException | IllegalArgumentException malformed) {
      throw ApiException.invalid("Malformed JSON body");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("The body must be a JSON object");
    }
    Validation.safeDocument(object);
    return object;
  }

  private static Envelope invalid(String id, String message) {
    return new Envelope(null, id, null, ApiException.invalid(message));
  }
}
