package chat.weiliao.gateway;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Client bytes built from the fuzzer's choices: up to {@link #MAX_FRAMES} WebSocket frames with any
 * opcode, FIN and RSV bits (RSV1 is what permessage-deflate marks compressed frames with), masked
 * or not, lengths in minimal or non-minimal form, and payloads that are JSON frames, raw bytes, a
 * long run of one byte, or deflated as permessage-deflate would carry them (up to a 60 MB bomb).
 *
 * <p>Every frame is complete, except that the last may declare a length the gateway must refuse at
 * once (over the 64 KiB limit, or negative): then nothing follows it. So the gateway always has
 * what it needs to answer, and a silent gateway is a hang, not a short input.
 */
final class FuzzedFrames {
  private static final int MAX_FRAMES = 128;

  /** Past the 64 KiB frame and message limit, so messages of a few frames can cross it. */
  private static final int MAX_RUN = 70_000;

  /** 60 MB of one byte deflated to about 58 KB, under the frame limit: issue 15's bomb. */
  private static final byte[] BOMB = deflated(new byte[60_000_000]);

  private static final int[] COMMON_OPCODES = {0, 1, 2, 8, 9, 10};
  private static final List<String> JSON_FRAMES =
      List.of(
          "{\"type\":\"ping\",\"id\":\"1\"}",
          "{\"type\":\"message.send\",\"id\":\"2\",\"payload\":{\"to\":\"13800000001\",\"kind\":\"text\",\"content\":{\"text\":\"hi\"}}}",
          "{\"type\":\"auth\",\"id\":\"3\",\"payload\":{\"token\":\"eyJhbGciOiJFUzI1NiJ9.e30.AAAA\"}}",
          "{\"type\":\"typing\",\"payload\":{}}",
          "{\"type\":\"nope\",\"id\":\"4\"}",
          "{\"type\":",
          "[]",
          "");

  /**
   * The bytes, and the status codes of the close frames among them (1005 for one without a code).
   */
  record Sent(byte[] bytes, Set<Integer> closeCodes) {}

  private enum LengthForm {
    MINIMAL,
    SIXTEEN_BITS,
    SIXTY_FOUR_BITS,
    OVER_LIMIT,
    NEGATIVE
  }

  private FuzzedFrames() {}

  static Sent from(FuzzedDataProvider data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Set<Integer> closeCodes = new HashSet<>();
    int count = data.consumeInt(0, MAX_FRAMES);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      if (!frame(data, bytes, closeCodes)) {
        break;
      }
    }
    return new Sent(bytes.toByteArray(), closeCodes);
  }

  /** Appends one frame; false when it declared a length that nothing may follow. */
  private static boolean frame(
      FuzzedDataProvider data, ByteArrayOutputStream out, Set<Integer> closeCodes) {
    int opcode =
        data.consumeBoolean()
            ? COMMON_OPCODES[data.consumeInt(0, COMMON_OPCODES.length - 1)]
            : data.consumeInt(0, 15);
    boolean fin = data.consumeInt(0, 7) != 0;
    int rsv = data.consumeInt(0, 3) == 0 ? data.consumeInt(1, 7) : 0;
    boolean masked = data.consumeInt(0, 15) != 0;
    LengthForm form = data.pickValue(LengthForm.values());
    byte[] payload = payload(data, opcode);
    if (opcode == RawWebSocket.CLOSE) {
      closeCodes.add(new RawWebSocket.Frame(opcode, payload).closeCode());
    }
    out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
    boolean complete = length(data, form, payload.length, masked, out);
    if (masked) {
      byte[] mask = data.consumeBytes(4);
      mask = mask.length == 4 ? mask : new byte[4];
      out.writeBytes(mask);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i & 3];
      }
    }
    if (complete) {
      out.writeBytes(payload);
    }
    return complete;
  }

  /**
   * Writes the second byte and any extended length; false when the declared length is one to
   * refuse.
   */
  private static boolean length(
      FuzzedDataProvider data,
      LengthForm form,
      int length,
      boolean masked,
      ByteArrayOutputStream out) {
    int mask = masked ? 0x80 : 0;
    switch (form) {
      case OVER_LIMIT -> {
        out.write(mask | 127);
        writeLong(out, data.consumeLong(64 * 1024 + 1, Long.MAX_VALUE));
        return false;
      }
      case NEGATIVE -> {
        out.write(mask | 127);
        writeLong(out, data.consumeLong(Long.MIN_VALUE, -1));
        return false;
      }
      case SIXTY_FOUR_BITS -> {
        out.write(mask | 127);
        writeLong(out, length);
      }
      case SIXTEEN_BITS -> {
        if (length > 0xffff) {
          out.write(mask | 127);
          writeLong(out, length);
        } else {
          out.write(mask | 126);
          out.write(length >>> 8);
          out.write(length);
        }
      }
      case MINIMAL -> {
        if (length < 126) {
          out.write(mask | length);
        } else {
          length(
              data,
              length > 0xffff ? LengthForm.SIXTY_FOUR_BITS : LengthForm.SIXTEEN_BITS,
              length,
              masked,
              out);
        }
      }
    }
    return true;
  }

  private static byte[] payload(FuzzedDataProvider data, int opcode) {
    return switch (data.consumeInt(0, 5)) {
      case 0 -> data.pickValue(JSON_FRAMES).getBytes(StandardCharsets.UTF_8);
      case 5 -> BOMB.clone();
      case 1 -> run(data);
      case 2 -> deflated(run(data));
      case 3 ->
          opcode == RawWebSocket.CLOSE
              ? closePayload(data)
              : data.consumeBytes(data.consumeInt(0, 200));
      default -> data.consumeBytes(data.consumeInt(0, 200));
    };
  }

  /** One byte repeated: the text of a compression bomb, or a message over the limit. */
  private static byte[] run(FuzzedDataProvider data) {
    byte[] run = new byte[data.consumeInt(0, MAX_RUN)];
    Arrays.fill(run, data.consumeByte());
    return run;
  }

  /** Raw deflate without the final empty block, as permessage-deflate sends a message. */
  private static byte[] deflated(byte[] text) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(text);
    byte[] buffer = new byte[text.length + 64];
    int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
    deflater.end();
    return Arrays.copyOf(buffer, Math.max(0, length - 4));
  }

  /** A close frame's body: a status code (any, valid or not) and a reason (any bytes). */
  private static byte[] closePayload(FuzzedDataProvider data) {
    int code =
        data.consumeBoolean()
            ? data.pickValue(
                new Integer[] {1000, 1001, 1002, 1005, 1006, 1008, 1015, 3000, 4999, 5000})
            : data.consumeInt(0, 0xffff);
    byte[] reason = data.consumeBytes(data.consumeInt(0, 130));
    byte[] payload = new byte[2 + reason.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(reason, 0, payload, 2, reason.length);
    return payload;
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }
}
