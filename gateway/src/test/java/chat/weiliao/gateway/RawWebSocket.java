package chat.weiliao.gateway;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client that writes whatever bytes it is given, for tests that play a hostile client:
 * it speaks the handshake and reads the server's frames strictly, checking the server's side of the
 * protocol (unmasked, minimal lengths, no reserved bits) as it goes.
 */
final class RawWebSocket implements AutoCloseable {
  /** A read that waits this long means the server neither answered nor closed: a hang. */
  private static final int READ_TIMEOUT_MILLIS = 5000;

  static final int TEXT = 1;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  /** One frame from the server. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
    }
  }

  private final Socket socket = new Socket();
  private final DataInputStream in;
  private final OutputStream out;

  /** Connects; {@link #upgrade} then does the handshake. */
  RawWebSocket(int port) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    out = socket.getOutputStream();
  }

  /** Sends the upgrade request and returns the response head (status line and headers). */
  String upgrade(String token, String extraHeaders) throws IOException {
    out.write(
        ("GET /ws?access_token="
                + token
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + extraHeaders
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the handshake: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /** Writes raw bytes; false when the server has already cut the connection. */
  boolean write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException cut) {
      return false;
    }
  }

  /** The server's next frame (a fragmented server message is a protocol finding of its own). */
  Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    check((first & 0x70) == 0, "server frame with reserved bits: " + Integer.toHexString(first));
    check((first & 0x80) != 0, "server frame not final");
    check((second & 0x80) == 0, "server frame masked");
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
      check(length >= 126, "server frame length not minimal");
    } else if (length == 127) {
      length = in.readLong();
      check(length > 0xffff, "server frame length not minimal or negative: " + length);
    }
    check(length <= 8L * 1024 * 1024, "server frame of " + length + " bytes");
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** Answers the server's close as a client must, so the server may let the connection go. */
  void answerClose(Frame close) {
    byte[] code =
        close.payload().length >= 2
            ? new byte[] {close.payload()[0], close.payload()[1]}
            : new byte[0];
    write(frame(CLOSE, code));
  }

  /** A final, masked frame (zero mask: the payload goes out as it is). */
  static byte[] frame(int opcode, byte[] payload) {
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, frame, 6, payload.length);
    if (payload.length > 125) {
      throw new IllegalArgumentException("only short frames");
    }
    return frame;
  }

  /**
   * Reads until the server ends the TCP connection after the close frame. A reset counts as an end:
   * the server closes while frames it no longer reads are still arriving.
   */
  void drain() throws IOException {
    try {
      while (in.read() >= 0) {
        // what follows a close frame is ignored, as a client would
      }
    } catch (SocketException reset) {
      // ended
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
