package chat.weiliao.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;

/**
 * Uploaded media as a GridFS bucket named {@code media}: {@code media.chunks} holds the bytes in
 * 255 KiB pieces and {@code media.files} one document per complete file, written last, so a file is
 * visible only once all its chunks are stored. Chunks are written one bus request at a time by
 * whichever chat-service instance gets it; no upload state lives in a process.
 */
final class MediaStore {
  static final int CHUNK_SIZE = 255 * 1024;
  static final String FILES = "media.files";
  static final String CHUNKS = "media.chunks";
  private final MongoClient mongo;

  MediaStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(
        CHUNKS,
        new JsonObject().put("files_id", 1).put("n", 1),
        new IndexOptions().unique(true).name("files_id_1_n_1"));
  }

  Future<Void> writeChunk(String fileId, int n, byte[] data) {
    return mongo
        .save(
            CHUNKS,
            new JsonObject()
                .put("_id", fileId + ":" + n)
                .put("files_id", fileId)
                .put("n", n)
                .put("data", new JsonObject().put("$binary", data)))
        .mapEmpty();
  }

  Future<Void> complete(String fileId, long length, String contentType, String uploader) {
    return mongo
        .insert(
            FILES,
            new JsonObject()
                .put("_id", fileId)
                .put("length", length)
                .put("chunkSize", CHUNK_SIZE)
                .put(
                    "uploadDate", new JsonObject().put("$date", java.time.Instant.now().toString()))
                .put("filename", fileId)
                .put(
                    "metadata",
                    new JsonObject().put("contentType", contentType).put("uploader", uploader)))
        .mapEmpty();
  }

  Future<Void> discard(String fileId) {
    return mongo.removeDocuments(CHUNKS, new JsonObject().put("files_id", fileId)).mapEmpty();
  }

  /**
   * Whether the media at one of our urls ({@code /api/media/<id>}) is stored, complete, as audio/*.
   */
  Future<Boolean> isAudio(String url) {
    return file(url.substring(url.lastIndexOf('/') + 1))
        .map(
            file ->
                file != null
                    && file.getJsonObject("metadata", new JsonObject())
                        .getString("contentType", "")
                        .startsWith("audio/"));
  }

  Future<JsonObject> file(String fileId) {
    return mongo.findOne(FILES, new JsonObject().put("_id", fileId), null);
  }

  /** The bytes of chunk n, or null. */
  Future<byte[]> chunk(String fileId, int n) {
    return mongo
        .findOne(CHUNKS, new JsonObject().put("_id", fileId + ":" + n), null)
        .map(chunk -> chunk == null ? null : chunk.getJsonObject("data").getBinary("$binary"));
  }
}
