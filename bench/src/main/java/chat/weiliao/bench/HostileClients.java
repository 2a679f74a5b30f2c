package chat.weiliao.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.Deflater;

/**
 * Attacking sockets for the hostile scenario, one thread each, the kinds in turn (issue 15):
 * deflate bombs offered and sent, PING floods from clients that never read, bogus ES256 bearer
 * tokens as fast as answers come, and slowloris handshakes sent a byte at a time. Each attacker
 * starts over whenever the server ends its connection, which is counted.
 */
final class HostileClients implements AutoCloseable {
  enum Kind {
    DEFLATE_BOMB,
    PING_FLOOD,
    BOGUS_TOKENS,
    SLOWLORIS
  }

  /**
   * 60 MB of one byte deflated (raw, as permessage-deflate sends it): about 58 KB, under 64 KiB.
   */
  private static final byte[] BOMB = deflate(new byte[60_000_000]);

  private static final long SLOWLORIS_BYTE_MILLIS = 100;
  private static final long RECONNECT_MILLIS = 50;

  /**
   * Where the bogus tokens come from: the gateway refuses an address after 100 failed tokens a
   * minute, and from the honest users' 127.0.0.1 that would also refuse the other attackers'
   * reconnects, leaving bombs and floods untried.
   */
  private static final String BOGUS_TOKEN_SOURCE = "127.0.0.2";

  /**
   * Where the other attackers come from: an address of their own, as real attackers have, so that
   * what the gateway does to an offending address is measured, not applied to the honest users.
   */
  private static final String ATTACKER_SOURCE = "127.0.0.3";

  private final String host;
  private final int port;
  private final Map<Kind, LongAdder> connections = counters();
  private final Map<Kind, LongAdder> endedByServer = counters();
  private final Map<Integer, LongAdder> bogusTokenStatuses =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Path cpuCgroup;
  private volatile boolean running = true;

  /**
   * cpuCgroup: null, or a cgroup (v1 cpu controller) with a CPU quota that each attacking thread
   * joins, so that on one machine the attackers' own CPU does not come out of the server's, as if
   * they ran elsewhere (bench/run.sh's BENCH_ATTACK_CORES).
   */
  HostileClients(String host, int port, Path cpuCgroup) {
    this.host = host;
    this.port = port;
    this.cpuCgroup = cpuCgroup;
  }

  /** Starts {@code tokens.size()} attackers, attacker i of kind i mod 4 with token i. */
  void start(List<String> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      String token = tokens.get(i);
      Thread thread =
          new Thread(() -> attackUntilStopped(kind, token), "hostile-" + kind + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void attackUntilStopped(Kind kind, String token) {
    joinCpuCgroup();
    while (running) {
      try (Socket socket = new Socket()) {
        if (kind == Kind.PING_FLOOD) {
          socket.setReceiveBufferSize(
              4096); // it never reads: let the server's answers back up soon
        }
        socket.bind(
            new InetSocketAddress(
                kind == Kind.BOGUS_TOKENS ? BOGUS_TOKEN_SOURCE : ATTACKER_SOURCE, 0));
        socket.connect(new InetSocketAddress(host, port), 10_000);
        connections.get(kind).increment();
        attack(kind, token, socket.getOutputStream(), socket.getInputStream());
        endedByServer.get(kind).increment();
      } catch (IOException ended) {
        if (running) {
          endedByServer.get(kind).increment();
        }
      }
      Async.sleep(RECONNECT_MILLIS);
    }
  }

  /** Moves this thread (its Linux task id, from /proc/thread-self) into the attackers' cgroup. */
  private void joinCpuCgroup() {
    if (cpuCgroup == null) {
      return;
    }
    try {
      Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      Files.writeString(cpuCgroup.resolve("tasks"), self.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot join the attackers' cgroup " + cpuCgroup, e);
    }
  }

  /** One connection's attack; returns or throws once the server has ended the connection. */
  private void attack(Kind kind, String token, OutputStream out, InputStream in)
      throws IOException {
    switch (kind) {
      case DEFLATE_BOMB -> {
        out.write(upgrade(token, "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        out.write(frame(0x40 | 0x1, BOMB)); // RSV1: "compressed"
        in.transferTo(OutputStream.nullOutputStream());
      }
      case PING_FLOOD -> {
        out.write(upgrade(token, ""));
        byte[] pings = pings(1000);
        while (running) {
          out.write(pings);
        }
      }
      case BOGUS_TOKENS -> {
        while (running) {
          out.write(bogusRequest());
          int status = readResponse(in);
          bogusTokenStatuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
      }
      case SLOWLORIS -> {
        for (byte b : upgrade(token, "")) {
          out.write(b);
          out.flush();
          Async.sleep(SLOWLORIS_BYTE_MILLIS);
          if (!running) {
            return;
          }
        }
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  /** One line per kind: connections made and ended by the server, and the bogus tokens' answers. */
  String summary() {
    StringBuilder text = new StringBuilder();
    for (Kind kind : Kind.values()) {
      text.append(
          String.format(
              "%s: %d connections, %d ended by the server. ",
              kind, connections.get(kind).sum(), endedByServer.get(kind).sum()));
    }
    text.append("Bogus-token answers by HTTP status: ");
    bogusTokenStatuses.forEach(
        (status, count) -> text.append(status).append(" × ").append(count.sum()).append("; "));
    return text.toString();
  }

  @Override
  public void close() {
    running = false;
  }

  private byte[] upgrade(String token, String extraHeaders) {
    return ("GET /ws?access_token="
            + token
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + extraHeaders
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** An ES256-looking token with random claims and signature: it must be verified to be refused. */
  private byte[] bogusRequest() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    byte[] signature = new byte[64];
    ThreadLocalRandom.current().nextBytes(signature);
    String claims =
        "{\"sub\":\"13800000000\",\"sid\":\""
            + ThreadLocalRandom.current().nextLong()
            + "\",\"exp\":9999999999}";
    String token =
        b64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(signature);
    return ("GET /api/users/me HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads one HTTP response with a Content-Length body; returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase();
    int at = lower.indexOf("content-length:");
    long length =
        at < 0 ? 0 : Long.parseLong(lower.substring(at + 15, lower.indexOf('\r', at)).trim());
    in.skipNBytes(length);
    return Integer.parseInt(head.substring(9, 12));
  }

  private static byte[] pings(int count) {
    byte[] one = frame(0x9, new byte[125]);
    byte[] all = new byte[one.length * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return all;
  }

  /** A final client frame with a zero mask (so the payload goes out as it is). */
  private static byte[] frame(int firstByteBits, byte[] payload) {
    int extended = payload.length < 126 ? 0 : 2;
    byte[] frame = new byte[2 + extended + 4 + payload.length];
    frame[0] = (byte) (0x80 | firstByteBits);
    if (extended == 0) {
      frame[1] = (byte) (0x80 | payload.length);
    } else {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >>> 8);
      frame[3] = (byte) payload.length;
    }
    System.arraycopy(payload, 0, frame, 2 + extended + 4, payload.length);
    return frame;
  }

  private static byte[] deflate(byte[] text) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(text);
    deflater.finish();
    byte[] buffer = new byte[text.length / 100 + 1024];
    int length = deflater.deflate(buffer);
    deflater.end();
    return java.util.Arrays.copyOf(buffer, length);
  }

  private static Map<Kind, LongAdder> counters() {
    Map<Kind, LongAdder> counters = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counters.put(kind, new LongAdder());
    }
    return counters;
  }
}
