package chat.weiliao.gateway.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Assembles a connection's text messages from frames and checks them strictly: a message over the
 * limit, a binary message, or text that is not valid UTF-8 is an outcome to close on, never
 * something passed on with replacement characters.
 */
final class TextMessages {
  enum Outcome {
    INCOMPLETE,
    MESSAGE,
    TOO_BIG,
    BINARY,
    INVALID_UTF8
  }

  private final int maxBytes;
  private Buffer pending;
  private boolean binary;
  private String message;

  TextMessages(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Feeds one data frame; on MESSAGE the text is in {@link #message()}. */
  Outcome accept(WebSocketFrame frame) {
    if (frame.isBinary() || frame.isContinuation() && binary) {
      binary = true;
      pending = null;
      return Outcome.BINARY;
    }
    if (frame.isText()) {
      pending = Buffer.buffer();
      binary = false;
    }
    if (pending == null) {
      return Outcome.INCOMPLETE;
    }
    pending.appendBuffer(frame.binaryData());
    if (pending.length() > maxBytes) {
      pending = null;
      return Outcome.TOO_BIG;
    }
    if (!frame.isFinal()) {
      return Outcome.INCOMPLETE;
    }
    byte[] bytes = pending.getBytes();
    pending = null;
    try {
      message =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return Outcome.MESSAGE;
    } catch (CharacterCodingException invalid) {
      return Outcome.INVALID_UTF8;
    }
  }

  String message() {
    return message;
  }
}
