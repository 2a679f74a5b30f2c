package chat.weiliao.gateway.http;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.auth.AccessToken;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ChatMedia;
import chat.weiliao.common.contract.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /api/media} and {@code GET /api/media/<id>}: bodies stream through in 255 KiB chunks,
 * each handed to chat-service before more is read, so memory per transfer stays at one chunk and
 * the 10 MiB limit is enforced while reading, not after.
 */
public final class MediaRoutes {
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  /** Types a browser may render inline; anything else (HTML and SVG included) downloads. */
  private static final Set<String> INLINE =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp");

  private final ChatApi chat;

  public MediaRoutes(ChatApi chat) {
    this.chat = chat;
  }

  /** Holds the body while the token is checked, so the upload reads it from its first byte. */
  public static void holdBody(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  public void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared != null && parseLength(declared) > MAX_BYTES) {
      HttpErrors.write(ctx, ApiException.tooLarge("Uploads are at most 10 MiB"));
      return;
    }
    AccessToken token = HttpAuth.token(ctx);
    chat.ask(ChatApi.MEDIA_BEGIN, BusCall.by(token.phone()), Empty.VALUE)
        .onFailure(failure -> HttpErrors.write(ctx, failure))
        .onSuccess(
            slot ->
                new Upload(
                        ctx,
                        token.phone(),
                        slot.id(),
                        slot.chunkSize(),
                        request.getHeader("Content-Type"))
                    .start());
  }

  /** One upload in flight: fills a chunk, pauses, stores it, resumes. */
  private final class Upload {
    private final RoutingContext ctx;
    private final String uploader;
    private final String id;
    private final int chunkSize;
    private final String contentType;
    private Buffer pending = Buffer.buffer();
    private long total;
    private int chunks;
    private Future<Void> stored = Future.succeededFuture();
    private boolean failed;

    Upload(RoutingContext ctx, String uploader, String id, int chunkSize, String contentType) {
      this.ctx = ctx;
      this.uploader = uploader;
      this.id = id;
      this.chunkSize = chunkSize;
      this.contentType = contentType;
    }

    void start() {
      HttpServerRequest request = ctx.request();
      request.handler(this::onData);
      request.endHandler(end -> onEnd());
      request.exceptionHandler(failure -> fail(failure));
      request.resume();
    }

    private void onData(Buffer data) {
      if (failed) {
        return;
      }
      total += data.length();
      if (total > MAX_BYTES) {
        fail(ApiException.tooLarge("Uploads are at most 10 MiB"));
        return;
      }
      pending.appendBuffer(data);
      if (pending.length() >= chunkSize) {
        ctx.request().pause();
        while (pending.length() >= chunkSize) {
          flush(pending.getBuffer(0, chunkSize));
          pending = pending.getBuffer(chunkSize, pending.length());
        }
        stored.onSuccess(done -> ctx.request().resume());
      }
    }

    private void onEnd() {
      if (failed) {
        return;
      }
      if (pending.length() > 0) {
        flush(pending);
      }
      stored
          .compose(
              done ->
                  chat.ask(
                      ChatApi.MEDIA_FINISH,
                      BusCall.by(uploader),
                      new ChatMedia.Finish(id, total, contentType)))
          .onSuccess(
              file ->
                  ctx.response()
                      .setStatusCode(201)
                      .putHeader("Content-Type", "application/json; charset=utf-8")
                      .end(ContractJson.encode(file).encode()))
          .onFailure(this::fail);
    }

    private void flush(Buffer chunk) {
      int n = chunks++;
      byte[] bytes = chunk.getBytes();
      stored =
          stored
              .compose(
                  done ->
                      chat.ask(
                              ChatApi.MEDIA_CHUNK,
                              BusCall.by(uploader),
                              new ChatMedia.Chunk(id, n, bytes))
                          .<Void>mapEmpty())
              .onFailure(this::fail);
    }

    private void fail(Throwable failure) {
      if (failed) {
        return;
      }
      failed = true;
      chat.ask(ChatApi.MEDIA_ABORT, BusCall.by(uploader), new ChatMedia.Ref(id));
      HttpErrors.write(ctx, failure);
    }
  }

  public void download(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    chat.ask(ChatApi.MEDIA_INFO, BusCall.anonymous(), new ChatMedia.Ref(id))
        .onFailure(failure -> HttpErrors.write(ctx, failure))
        .onSuccess(
            info -> {
              String type = info.contentType();
              long length = info.length();
              HttpServerResponse response =
                  ctx.response()
                      .putHeader("Content-Type", type)
                      .putHeader("Content-Length", Long.toString(length))
                      .putHeader("Cache-Control", "public, max-age=31536000, immutable")
                      .putHeader("X-Content-Type-Options", "nosniff")
                      .putHeader("Content-Security-Policy", "default-src 'none'; sandbox");
              if (!INLINE.contains(type)) {
                response.putHeader(
                    "Content-Disposition",
                    DownloadNames.attachment(id, ctx.request().getParam("name")));
              }
              long chunkCount = (length + info.chunkSize() - 1) / info.chunkSize();
              sendChunks(response, id, 0, chunkCount);
            });
  }

  private void sendChunks(HttpServerResponse response, String id, int n, long count) {
    if (n >= count) {
      response.end();
      return;
    }
    chat.ask(ChatApi.MEDIA_READ, BusCall.anonymous(), new ChatMedia.ChunkRef(id, n))
        .onFailure(failure -> response.reset())
        .onSuccess(
            chunk -> {
              response.write(Buffer.buffer(chunk.data()));
              if (response.writeQueueFull()) {
                Promise<Void> drained = Promise.promise();
                response.drainHandler(drained::tryComplete);
                drained.future().onSuccess(done -> sendChunks(response, id, n + 1, count));
              } else {
                sendChunks(response, id, n + 1, count);
              }
            });
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
