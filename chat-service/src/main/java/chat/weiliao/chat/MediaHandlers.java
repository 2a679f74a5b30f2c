package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The storage side of {@code POST /api/media} and {@code GET /api/media/<id>}: the gateway streams
 * a body through here chunk by chunk, so no upload is ever held whole in memory.
 */
final class MediaHandlers {
  static final long MAX_BYTES = 10L * 1024 * 1024;
  private static final Pattern ID = Pattern.compile("^[0-9a-f]{32}$");
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("^[a-zA-Z0-9!#$&^_.+-]{1,64}/[a-zA-Z0-9!#$&^_.+-]{1,64}$");
  private final MediaStore media;

  MediaHandlers(MediaStore media) {
    this.media = media;
  }

  /** A fresh media id: 128 bits from a secure random source; the url itself is the permission. */
  Future<?> begin(BusCall call) {
    call.caller();
    return Future.succeededFuture(
        new JsonObject().put("id", Ids.hex(16)).put("chunkSize", MediaStore.CHUNK_SIZE));
  }

  Future<?> chunk(BusCall call) {
    JsonObject body = call.body();
    int n = (int) Validation.integer(body, "n", 0, MAX_BYTES / MediaStore.CHUNK_SIZE);
    byte[] data = body.getBinary("data");
    if (data == null || data.length == 0 || data.length > MediaStore.CHUNK_SIZE) {
      throw ApiException.invalid("a chunk holds 1 byte to 255 KiB");
    }
    return media.writeChunk(id(body.getString("id")), n, data);
  }

  Future<?> finish(BusCall call) {
    JsonObject body = call.body();
    String id = id(body.getString("id"));
    long length = Validation.integer(body, "length", 0, MAX_BYTES);
    String contentType = contentType(body.getString("contentType"));
    return media
        .complete(id, length, contentType, call.caller())
        .map(
            done ->
                new JsonObject()
                    .put("url", "/api/media/" + id)
                    .put("size", length)
                    .put("contentType", contentType));
  }

  Future<?> abort(BusCall call) {
    return media.discard(id(call.body().getString("id")));
  }

  Future<?> info(BusCall call) {
    String id = idOrNotFound(call.param("id"));
    return media
        .file(id)
        .map(
            file -> {
              if (file == null) {
                throw ApiException.notFound("No such media");
              }
              return new JsonObject()
                  .put("length", file.getLong("length"))
                  .put("chunkSize", file.getInteger("chunkSize"))
                  .put(
                      "contentType",
                      file.getJsonObject("metadata", new JsonObject())
                          .getString("contentType", "application/octet-stream"));
            });
  }

  Future<?> read(BusCall call) {
    String id = idOrNotFound(call.param("id"));
    int n = (int) Validation.integer(call.body(), "n", 0, MAX_BYTES / MediaStore.CHUNK_SIZE);
    return media
        .chunk(id, n)
        .map(
            data -> {
              if (data == null) {
                throw ApiException.notFound("No such media chunk");
              }
              return new JsonObject().put("data", data);
            });
  }

  /** The declared type when it is a plain type/subtype, else application/octet-stream. */
  static String contentType(String declared) {
    if (declared == null) {
      return "application/octet-stream";
    }
    int parameters = declared.indexOf(';');
    String type =
        (parameters < 0 ? declared : declared.substring(0, parameters)).trim().toLowerCase();
    return CONTENT_TYPE.matcher(type).matches() ? type : "application/octet-stream";
  }

  private static String id(String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw ApiException.invalid("id is not a media id");
    }
    return value;
  }

  private static String idOrNotFound(String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw ApiException.notFound("No such media");
    }
    return value;
  }
}
