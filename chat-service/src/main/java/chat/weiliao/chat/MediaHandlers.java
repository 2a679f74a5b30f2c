package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatMedia.Chunk;
import chat.weiliao.common.bus.ChatMedia.ChunkRef;
import chat.weiliao.common.bus.ChatMedia.Data;
import chat.weiliao.common.bus.ChatMedia.File;
import chat.weiliao.common.bus.ChatMedia.Finish;
import chat.weiliao.common.bus.ChatMedia.Info;
import chat.weiliao.common.bus.ChatMedia.Ref;
import chat.weiliao.common.bus.ChatMedia.Slot;
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
  Future<Answer<Slot>> begin(BusCall call, Empty nothing) {
    call.caller();
    return Future.succeededFuture(Answer.of(new Slot(Ids.hex(16), MediaStore.CHUNK_SIZE)));
  }

  Future<Answer<Empty>> chunk(BusCall call, Chunk chunk) {
    int n = (int) within("n", chunk.n(), MAX_BYTES / MediaStore.CHUNK_SIZE);
    byte[] data = chunk.data();
    if (data == null || data.length == 0 || data.length > MediaStore.CHUNK_SIZE) {
      throw ApiException.invalid("a chunk holds 1 byte to 255 KiB");
    }
    return media.writeChunk(id(chunk.id()), n, data).map(Answer.empty());
  }

  Future<Answer<File>> finish(BusCall call, Finish finish) {
    String id = id(finish.id());
    long length = within("length", finish.length(), MAX_BYTES);
    String contentType = contentType(finish.contentType());
    return media
        .complete(id, length, contentType, call.caller())
        .map(done -> Answer.of(new File("/api/media/" + id, length, contentType)));
  }

  Future<Answer<Empty>> abort(BusCall call, Ref ref) {
    return media.discard(id(ref.id())).map(Answer.empty());
  }

  Future<Answer<Info>> info(BusCall call, Ref ref) {
    String id = idOrNotFound(ref.id());
    return media
        .file(id)
        .map(
            file -> {
              if (file == null) {
                throw ApiException.notFound("No such media");
              }
              return Answer.of(
                  new Info(
                      file.getLong("length"),
                      file.getInteger("chunkSize"),
                      file.getJsonObject("metadata", new JsonObject())
                          .getString("contentType", "application/octet-stream")));
            });
  }

  Future<Answer<Data>> read(BusCall call, ChunkRef ref) {
    String id = idOrNotFound(ref.id());
    int n = (int) within("n", ref.n(), MAX_BYTES / MediaStore.CHUNK_SIZE);
    return media
        .chunk(id, n)
        .map(
            data -> {
              if (data == null) {
                throw ApiException.notFound("No such media chunk");
              }
              return Answer.of(new Data(data));
            });
  }

  /**
   * A number the gateway sent (a chunk's, a length): 0 to {@code max}, as {@link
   * chat.weiliao.common.Validation#integer} words it.
   */
  private static long within(String field, long value, long max) {
    if (value < 0 || value > max) {
      throw ApiException.invalid(field + " must be between 0 and " + max);
    }
    return value;
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
