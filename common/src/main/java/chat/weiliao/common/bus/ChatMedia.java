package chat.weiliao.common.bus;

import chat.weiliao.common.contract.MayBeNull;

/**
 * The requests and replies of chat-service's media actions ({@link ChatApi#MEDIA_BEGIN} and the
 * rest): the gateway streams an upload or a download through them one chunk at a time, so no file
 * is held whole in memory. Chunk bytes travel as the bus's binary JSON values.
 */
public final class ChatMedia {
  private ChatMedia() {}

  /** A fresh upload's id and the chunk size to store it in. */
  public record Slot(String id, int chunkSize) {}

  /** The {@code n}th chunk of an upload. */
  public record Chunk(String id, int n, byte[] data) {}

  /** The end of an upload: its length and the type the client declared (null: none). */
  public record Finish(String id, long length, @MayBeNull String contentType) {}

  /** {@code POST /api/media}'s answer: the stored file's url, size and type. */
  public record File(String url, long size, String contentType) {}

  /** Which media (its id as given: chat-service checks it). */
  public record Ref(String id) {}

  /** A stored file's length, chunk size and type. */
  public record Info(long length, int chunkSize, String contentType) {}

  /** The {@code n}th chunk of a stored file. */
  public record ChunkRef(String id, int n) {}

  /** A chunk's bytes. */
  public record Data(byte[] data) {}
}
