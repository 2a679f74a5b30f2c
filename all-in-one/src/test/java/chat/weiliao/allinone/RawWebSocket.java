package chat.weiliao.allinone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written against the socket by hand, for what a well-behaved client library
 * will not do: send malformed frames, or never read.
 */
final class RawWebSocket implements AutoCloseable {
  private static final SecureRandom random = new SecureRandom();
  final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /** The server's answer to the upgrade request: status line and headers. */
  String handshakeResponse;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /**
   * Connects and completes the upgrade; {@code receiveBuffer} > 0 shrinks the socket's receive
   * buffer.
   */
  static RawWebSocket open(int port, String token, int receiveBuffer) throws IOException {
    return open(port, token, receiveBuffer, "");
  }

  /** As above, with extra request header lines (each ending in CRLF), e.g. an extension offer. */
  static RawWebSocket open(int port, String token, int receiveBuffer, String extraHeaders)
      throws IOException {
    return open(port, token, receiveBuffer, extraHeaders, null);
  }

  /** As above, from a given local address (127.0.0.x), or any when null. */
  static RawWebSocket open(
      int port, String token, int receiveBuffer, String extraHeaders, String source)
      throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    if (source != null) {
      socket.bind(new java.net.InetSocketAddress(source, 0));
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(30_000);
    RawWebSocket ws = new RawWebSocket(socket);
    ws.out.write(upgradeRequest(port, token, extraHeaders));
    ws.out.flush();
    ws.handshakeResponse = ws.readHeaders();
    if (!ws.handshakeResponse.startsWith("HTTP/1.1 101")) {
      throw new IOException("no upgrade: " + ws.handshakeResponse);
    }
    return ws;
  }

  /** The upgrade request for /ws with the token, and extra header lines (each ending in CRLF). */
  static byte[] upgradeRequest(int port, String token, String extraHeaders) {
    byte[] key = new byte[16];
    random.nextBytes(key);
    return ("GET /ws?access_token="
            + token
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\n"
            + extraHeaders
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake");
      }
      headers.write(b);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  /** Sends one final, masked frame with the given opcode (1 text, 2 binary). */
  void sendFrame(int opcode, byte[] payload) throws IOException {
    sendFrame(opcode, payload, true);
  }

  /** Sends one masked frame (opcode 0 continues a message; {@code fin} false leaves it open). */
  void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
    sendRawFrame((fin ? 0x80 : 0) | opcode, payload);
  }

  /** Sends one masked frame whose first byte (FIN, RSV1-3, opcode) is given as is. */
  void sendRawFrame(int firstByte, byte[] payload) throws IOException {
    sendInOneWrite(rawFrame(firstByte, payload));
  }

  /** Sends frames made by {@link #rawFrame} in one write, so that the server reads them at once. */
  void sendInOneWrite(byte[]... frames) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      all.write(frame);
    }
    out.write(all.toByteArray());
    out.flush();
  }

  /** One masked frame whose first byte (FIN, RSV1-3, opcode) is given as is. */
  static byte[] rawFrame(int firstByte, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(firstByte);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift) & 0xff);
      }
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  void sendText(String text) throws IOException {
    sendFrame(1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes of frames read by {@link #readUntilClose()}. */
  long bytesRead;

  /**
   * Reads frames until the server's close frame; returns its status code (-1 if the connection just
   * ended).
   */
  int readUntilClose() throws IOException {
    while (true) {
      Frame frame = readFrame();
      if (frame == null) {
        return -1;
      }
      byte[] payload = frame.payload();
      if ((frame.firstByte() & 0x0f) == 8) {
        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
      }
    }
  }

  /** A frame from the server: its first byte (FIN, RSV bits, opcode) and its payload. */
  record Frame(int firstByte, byte[] payload) {}

  /** Reads one frame, or returns null when the connection ended. */
  Frame readFrame() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.read();
    long length = second & 0x7f;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    byte[] payload = in.readNBytes((int) length);
    bytesRead += 2 + payload.length;
    return new Frame(first, payload);
  }

  /** Reads and discards everything until the connection ends; returns the bytes read. */
  long drain() {
    long total = 0;
    byte[] buffer = new byte[65536];
    try {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        total += read;
      }
    } catch (IOException ended) {
      // reset or timeout: the connection is over either way
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
