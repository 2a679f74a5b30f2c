package chat.weiliao.gateway;

import static chat.weiliao.common.FuzzSupport.check;

import chat.weiliao.common.FuzzSupport;
import chat.weiliao.gateway.RawWebSocket.Frame;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the gateway's inbound WebSocket path as a client's bytes reach it: the real {@link
 * GatewayVerticle} over a loopback socket, fed the frames {@link FuzzedFrames} builds (any opcode,
 * control frames, RSV bits as with permessage-deflate, deflate bombs, masking, fragmentation,
 * lengths). Each input opens a socket with a valid token, may offer permessage-deflate, waits for
 * {@code session.ready}, sends its frames and then a JSON ping.
 *
 * <p>Whatever the bytes: compression is never negotiated; every frame the server sends is a
 * well-formed server frame; its text frames are JSON objects with a type; it ends with the ping's
 * pong (still serving that socket) or a close with a contract code (or the code of a close the
 * client sent); its event loops allocate no more than {@link #ALLOCATION_ALLOWANCE} beyond twice
 * the bytes sent (so nothing is inflated or sized by a declared length); and the next input
 * connects again (still serving). Anything thrown in the gateway itself is logged, not seen here:
 * that it does no harm is what the checks test.
 *
 * <p>Input layout: first byte odd offers permessage-deflate; the rest is read by {@link
 * FuzzedFrames}. Seeds: {@code
 * src/test/resources/chat/weiliao/gateway/GatewayFrameFuzzTestInputs/frames/}.
 */
class GatewayFrameFuzzTest {
  /**
   * The contract's close codes for what a client sent: protocol, binary, UTF-8, policy, too big.
   */
  private static final Set<Integer> CONTRACT_CLOSES = Set.of(1002, 1003, 1007, 1008, 1009);

  /**
   * What one input may cost the event loops besides its own bytes: the answers to up to 128 frames,
   * JSON parsing, one message of at most 64 KiB assembled, and the first use of a code path (class
   * loading, exceptions with stack traces). The bomb {@link FuzzedFrames} can send inflates to 60
   * MB; a buffer sized by a declared length would be as large.
   */
  private static final long ALLOCATION_ALLOWANCE = 8L * 1024 * 1024;

  private static final byte[] PROBE =
      RawWebSocket.frame(
          RawWebSocket.TEXT,
          "{\"type\":\"ping\",\"id\":\"probe\"}".getBytes(StandardCharsets.UTF_8));
  private static InProcessGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    FuzzSupport.ensureFindingsDirectory();
    gateway = new InProcessGateway();
    for (int i = 0; i < 3; i++) {
      try (RawWebSocket warmUp = open(i == 0)) {
        gateway.findEventLoops();
        check(warmUp.write(PROBE), "warm-up probe not written");
        check(lastAnswer(warmUp).opcode() == RawWebSocket.TEXT, "warm-up probe not answered");
      }
    }
  }

  @AfterAll
  static void stop() throws IOException {
    gateway.close();
  }

  @FuzzTest(maxDuration = "30s")
  void frames(FuzzedDataProvider data) throws IOException {
    try (SilentCloseable loopback = allowLoopback()) {
      boolean offerDeflate = data.consumeBoolean();
      FuzzedFrames.Sent sent = FuzzedFrames.from(data);
      long limit = ALLOCATION_ALLOWANCE + 2L * sent.bytes().length;
      // The first time a code path runs, loading and instrumenting its classes is allocated on the
      // event loop too (megabytes under Jazzer's agent): only an input that costs that much again,
      // the second time, is one the server sizes by what the client declared.
      long allocated = exchange(offerDeflate, sent);
      if (allocated > limit) {
        allocated = exchange(offerDeflate, sent);
      }
      check(
          allocated <= limit,
          "the event loops allocated "
              + allocated
              + " bytes for "
              + sent.bytes().length
              + " bytes of frames");
    }
  }

  /**
   * Sends the frames and the probe on a new socket, checks the answers; returns what the event
   * loops allocated.
   */
  private static long exchange(boolean offerDeflate, FuzzedFrames.Sent sent) throws IOException {
    try (RawWebSocket socket = open(offerDeflate)) {
      long before = gateway.eventLoopAllocatedBytes();
      boolean written = socket.write(sent.bytes()) && socket.write(PROBE);
      Frame last = lastAnswer(socket);
      if (last.opcode() == RawWebSocket.CLOSE) {
        check(
            CONTRACT_CLOSES.contains(last.closeCode())
                || answersClientClose(last.closeCode(), sent.closeCodes()),
            "closed with " + last.closeCode() + "; the client's close codes: " + sent.closeCodes());
        socket.answerClose(last);
        socket.drain();
      } else {
        check(written, "the server cut the connection yet answered the probe");
      }
      return gateway.eventLoopAllocatedBytes() - before;
    }
  }

  /**
   * A client's own close is answered with its code (RFC 6455 5.5.1), whatever it was; one without a
   * code (1005) may be answered with none or with 1000, normal closure.
   */
  private static boolean answersClientClose(int code, Set<Integer> clientCodes) {
    return clientCodes.contains(code) || code == 1000 && clientCodes.contains(1005);
  }

  /**
   * Jazzer's SSRF detector reports any connection; this test's, and the gateway's to Redis, are to
   * the loopback. Set for each input, as Jazzer recommends: a policy set once, before fuzzing
   * starts, did not survive into the fuzzing run.
   */
  private static SilentCloseable allowLoopback() {
    return BugDetectors.allowNetworkConnections(
        (host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
  }

  /** Reads the server's frames up to the probe's pong or a close, checking each on the way. */
  private static Frame lastAnswer(RawWebSocket socket) throws IOException {
    while (true) {
      Frame frame = socket.read();
      switch (frame.opcode()) {
        case RawWebSocket.CLOSE -> {
          return frame;
        }
        case RawWebSocket.PONG -> {}
        case RawWebSocket.TEXT -> {
          JsonObject json = new JsonObject(frame.text());
          check(json.getString("type") != null, "a frame without a type: " + json);
          if ("pong".equals(json.getString("type")) && "probe".equals(json.getString("id"))) {
            return frame;
          }
        }
        default -> throw new AssertionError("server sent opcode " + frame.opcode());
      }
    }
  }

  /** A socket past session.ready; offering permessage-deflate must not get it accepted. */
  private static RawWebSocket open(boolean offerDeflate) throws IOException {
    RawWebSocket socket = new RawWebSocket(gateway.port);
    String head =
        socket.upgrade(
            gateway.token,
            offerDeflate
                ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                : "");
    check(head.startsWith("HTTP/1.1 101"), "the gateway stopped serving: " + head);
    check(
        !head.toLowerCase().contains("sec-websocket-extensions"),
        "compression negotiated: " + head);
    Frame ready = socket.read();
    check(
        ready.opcode() == RawWebSocket.TEXT && ready.text().contains("\"session.ready\""),
        "first frame is not session.ready: " + ready.text());
    return socket;
  }
}
