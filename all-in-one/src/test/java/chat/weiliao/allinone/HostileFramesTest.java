package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Frames an attacker sends to cost the gateway memory or CPU: deflate bombs, PING floods. */
class HostileFramesTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void compressionIsNotNegotiatedSoADeflateBombIsNeverInflated() throws Exception {
    Users.Account account = Users.register(http);
    try (RawWebSocket raw =
        RawWebSocket.open(
            system.port(),
            account.accessToken(),
            0,
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
      assertFalse(
          raw.handshakeResponse.toLowerCase(Locale.ROOT).contains("deflate"),
          "the server must not accept a compression extension: " + raw.handshakeResponse);
      byte[] bomb = deflated(60_000_000, (byte) 'a');
      assertTrue(bomb.length < 64 * 1024, "the bomb fits the frame limit: " + bomb.length);
      raw.sendRawFrame(0x80 | 0x40 | 1, bomb); // FIN, RSV1 ("compressed"), text
      int closeCode = raw.readUntilClose();
      assertTrue(
          closeCode == 1002 || closeCode == -1,
          "a compressed frame is a protocol error: " + closeCode);
    }
    assertServerWell(account);
  }

  @Test
  void framesTheProtocolForbidsAreAnsweredWithACloseFrame() throws Exception {
    byte[] text =
        "{\"type\":\"ping\",\"id\":\"1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int[] forbidden = {
      0x80, // a continuation with no message to continue
      0x80 | 0x20 | 1, // a text frame with RSV2, no extension negotiated
      0x80 | 3, // a reserved opcode
      9 // a PING that is not final (control frames cannot be fragmented)
    };
    for (int firstByte : forbidden) {
      assertEquals(
          1002,
          closeCodeFor(RawWebSocket.rawFrame(firstByte, text)),
          "close code for a frame starting 0x" + Integer.toHexString(firstByte));
    }
    // A good frame read together with the bad one (the start of a message, then a new message
    // before it ended): the close frame must still reach the client before the connection ends.
    for (int i = 0; i < 10; i++) {
      assertEquals(
          1002,
          closeCodeFor(RawWebSocket.rawFrame(1, text), RawWebSocket.rawFrame(0x80 | 1, text)),
          "close code for a new message inside a fragmented one");
    }
  }

  /**
   * Sends the frames in one write on a socket of a new user (each close counts against its user).
   */
  private int closeCodeFor(byte[]... frames) throws IOException {
    Users.Account account = Users.register(http);
    try (RawWebSocket raw = RawWebSocket.open(system.port(), account.accessToken(), 0)) {
      raw.sendInOneWrite(frames);
      return raw.readUntilClose();
    } finally {
      assertServerWell(account);
    }
  }

  @Test
  void aUserWhoseSocketsKeepBeingClosedForCauseIsRefusedAtTheHandshake() throws Exception {
    Users.Account offender = Users.register(http);
    for (int i = 0; i < 5; i++) {
      try (RawWebSocket raw = RawWebSocket.open(system.port(), offender.accessToken(), 0)) {
        raw.sendFrame(2, new byte[] {1}); // binary: closed with 1003
        assertEquals(1003, raw.readUntilClose());
      }
    }
    // The fifth close is counted when the server sees the socket closed, a moment after the close
    // frame.
    String refusal = null;
    long asked = 0;
    for (long deadline = System.currentTimeMillis() + 5_000;
        refusal == null && System.currentTimeMillis() < deadline; ) {
      asked = System.nanoTime();
      refusal = handshakeRefusal(offender);
    }
    long answeredAfterMillis = (System.nanoTime() - asked) / 1_000_000;
    assertTrue(
        refusal != null && refusal.contains("HTTP/1.1 429"),
        "the sixth socket in a minute after five closes for cause: " + refusal);
    assertTrue(
        answeredAfterMillis >= 900,
        "refused a second late, not at once: " + answeredAfterMillis + " ms");
    assertServerWell(Users.register(http));
  }

  @Test
  void aUserWhoReconnectsOverAndOverIsRefusedAndThenItsAddressIsHeldUnread() throws Exception {
    String address = "127.0.0.6"; // not a trusted proxy, unlike the tests' 127.0.0.1
    Users.Account reconnecting = Users.register(http);
    // Sockets ended as soon as session.ready came, without cause (as an attacker with a valid token
    // does, to cost a session set-up each): the first 30 of the minute open.
    for (int i = 0; i < 30; i++) {
      assertEquals(
          null, refusalOrEndAfterReady(reconnecting, address), "handshake " + (i + 1) + " of 30");
    }
    // Past the allowance (it refills at 30 a minute, so a few more may open): 429, a second late.
    // Each refusal is a strike against the address; these 25 at once use up its 20.
    ExecutorService clients = Executors.newFixedThreadPool(25);
    List<CompletableFuture<Timed>> attempts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      attempts.add(
          CompletableFuture.supplyAsync(() -> timedRefusal(reconnecting, address), clients));
    }
    clients.shutdown();
    int refused = 0;
    for (CompletableFuture<Timed> attempt : attempts) {
      Timed answer = attempt.get(30, TimeUnit.SECONDS);
      if (answer.refusal() != null && answer.refusal().contains("HTTP/1.1 429")) {
        refused++;
        assertTrue(answer.millis() >= 900, "refused a second late: " + answer.millis() + " ms");
      }
    }
    assertTrue(refused >= 1, "handshakes past 30 a minute are refused with 429");
    // Now even a new user's connection from that address is held unread and ended a second later.
    Timed held = timedRefusal(Users.register(http), address);
    assertTrue(
        held.refusal() != null && !held.refusal().contains("HTTP/1.1"),
        "a connection from an address out of strikes gets no answer: " + held.refusal());
    assertTrue(held.millis() >= 900, "held for a second, not ended at once: " + held.millis());
    assertServerWell(Users.register(http));
  }

  @Test
  void anAddressWhoseSocketsKeepDroppingDuringSetUpIsHeldUnread() throws Exception {
    String address = "127.0.0.7"; // not a trusted proxy, unlike the tests' 127.0.0.1
    // Bytes sent before the upgrade's answer (RFC 6455 forbids it): the HTTP codec ends the socket
    // after the upgrade, with no close code, before session.ready. A fresh user each time, so no
    // per-user count is what refuses the address.
    for (int i = 0; i < 20; i++) {
      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", system.port()), 5_000);
        socket.setSoTimeout(5_000);
        socket
            .getOutputStream()
            .write(
                RawWebSocket.upgradeRequest(system.port(), Users.register(http).accessToken(), ""));
        // Longer than any HTTP line may be, as a frame sent too early is (the bench's bombs).
        byte[] early = new byte[65_536];
        Arrays.fill(early, (byte) 'a');
        socket.getOutputStream().write(early);
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
      } catch (IOException reset) {
        // ended by the server, with a reset when our bytes were still unread
      }
    }
    Timed held = null;
    for (long deadline = System.currentTimeMillis() + 5_000;
        (held == null || held.refusal() == null) && System.currentTimeMillis() < deadline; ) {
      held = timedRefusal(Users.register(http), address);
    }
    assertTrue(
        held.refusal() != null && !held.refusal().contains("HTTP/1.1") && held.millis() >= 900,
        "an address whose sockets dropped during set-up 20 times is held: " + held);
    assertServerWell(Users.register(http));
  }

  private record Timed(String refusal, long millis) {}

  /** Opens a socket and ends it once session.ready came; the refusal when it is refused. */
  private String refusalOrEndAfterReady(Users.Account account, String address) {
    try (RawWebSocket raw =
        RawWebSocket.open(system.port(), account.accessToken(), 0, "", address)) {
      assertTrue(
          new String(raw.readFrame().payload(), StandardCharsets.UTF_8).contains("session.ready"));
      return null;
    } catch (IOException refused) {
      return refused.getMessage();
    }
  }

  private Timed timedRefusal(Users.Account account, String address) {
    long asked = System.nanoTime();
    String refusal = handshakeRefusal(account, address);
    return new Timed(refusal, (System.nanoTime() - asked) / 1_000_000);
  }

  @Test
  void anAddressWhoseSocketsKeepBeingClosedForCauseHasItsConnectionsRefusedUnread()
      throws Exception {
    String offender = "127.0.0.4"; // not a trusted proxy, unlike the tests' 127.0.0.1
    for (int user = 0; user < 5; user++) {
      Users.Account account =
          Users.register(http); // four closes each: under the per-user allowance
      for (int i = 0; i < 4; i++) {
        try (RawWebSocket raw =
            RawWebSocket.open(system.port(), account.accessToken(), 0, "", offender)) {
          raw.sendFrame(2, new byte[] {1});
          assertEquals(1003, raw.readUntilClose());
        }
      }
    }
    Users.Account fresh = Users.register(http);
    String refusal = null;
    for (long deadline = System.currentTimeMillis() + 5_000;
        refusal == null && System.currentTimeMillis() < deadline; ) {
      try (RawWebSocket ignored =
          RawWebSocket.open(system.port(), fresh.accessToken(), 0, "", offender)) {
        refusal = null;
      } catch (IOException closed) {
        refusal = closed.getMessage();
      }
    }
    // Closed before any answer: no HTTP status, just the end of the connection (or a reset).
    assertTrue(
        refusal != null && !refusal.contains("HTTP/1.1"),
        "the 21st connection in a minute from an address after 20 closes for cause: " + refusal);
    assertServerWell(fresh);
  }

  /** The server's answer when it refuses the handshake, or null when it upgrades. */
  private String handshakeRefusal(Users.Account account) {
    return handshakeRefusal(account, null);
  }

  /** As above, from a given local address (127.0.0.x), or any when null. */
  private String handshakeRefusal(Users.Account account, String address) {
    try (RawWebSocket ignored =
        RawWebSocket.open(system.port(), account.accessToken(), 0, "", address)) {
      return null;
    } catch (IOException refused) {
      return refused.getMessage();
    }
  }

  @Test
  void aPingFloodFromAClientThatNeverReadsIsCutOff() throws Exception {
    Users.Account account = Users.register(http);
    try (RawWebSocket raw = RawWebSocket.open(system.port(), account.accessToken(), 4096)) {
      byte[] payload = new byte[125];
      // Each PING asks for a PONG the client never reads; the server must stop answering, not queue
      // them.
      long deadline = System.currentTimeMillis() + 30_000;
      boolean cutOff = false;
      while (!cutOff && System.currentTimeMillis() < deadline) {
        cutOff = failsToSend(raw, 9, payload);
      }
      assertTrue(
          cutOff, "the server ended the connection of a client that floods PINGs and never reads");
    }
    assertServerWell(account);
  }

  @Test
  void aPingFloodFromAClientThatReadsIsClosedForPolicy() throws Exception {
    Users.Account account = Users.register(http);
    try (RawWebSocket raw = RawWebSocket.open(system.port(), account.accessToken(), 0)) {
      CompletableFuture<Integer> closeCode =
          CompletableFuture.supplyAsync(() -> readUntilClose(raw));
      // About 1,000 PINGs a second, ten times the limit: a pace whose PONGs a reading client keeps
      // up with even on a loaded machine, so what ends it is the rate policy, not the backlog
      // bound.
      long deadline = System.currentTimeMillis() + 30_000;
      while (!closeCode.isDone()
          && System.currentTimeMillis() < deadline
          && !failsToSend(raw, 9, new byte[0])) {
        LockSupport.parkNanos(1_000_000);
      }
      assertEquals(
          1008, closeCode.get(30, TimeUnit.SECONDS), "over 100 frames a second, PINGs included");
    }
    assertServerWell(account);
  }

  private static boolean failsToSend(RawWebSocket raw, int opcode, byte[] payload) {
    try {
      raw.sendFrame(opcode, payload);
      return false;
    } catch (IOException cut) {
      return true;
    }
  }

  private static int readUntilClose(RawWebSocket raw) {
    try {
      return raw.readUntilClose();
    } catch (IOException cut) {
      return -1;
    }
  }

  private void assertServerWell(Users.Account account) {
    try (WsClient socket = Friends.ready(system.port(), account.accessToken())) {
      assertEquals(
          "pong",
          socket.request("ping", new JsonObject()).getString("type"),
          "the gateway is still well");
    }
  }

  /**
   * {@code size} copies of one byte as a permessage-deflate payload (raw deflate, sync tail
   * removed).
   */
  private static byte[] deflated(int size, byte letter) {
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, letter);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    for (int fed = 0; fed < size; fed += chunk.length) {
      deflater.setInput(chunk, 0, Math.min(chunk.length, size - fed));
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    for (int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        n > 0;
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) {
      out.write(buffer, 0, n);
    }
    deflater.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4); // RFC 7692 7.2.1: drop the 00 00 ff ff tail
  }
}
