package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The secrets compose mounts under /run/secrets, and coturn's shared secret, as local files. */
final class Secrets {
  private Secrets() {}

  /**
   * The JWT pair (scripts/jwt-keys.sh beside the compose file's directory, kept across runs so
   * tokens survive restarts) and the TURN secret, in {@code dir}.
   */
  static void write(Path compose, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path script =
        compose.toAbsolutePath().getParent().resolve("../scripts/jwt-keys.sh").normalize();
    try {
      Process keys =
          new ProcessBuilder("bash", script.toString(), dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (keys.waitFor() != 0) {
        throw new IllegalStateException(script + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Path turn = dir.resolve("turn-secret");
    if (!Files.exists(turn)) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      Files.writeString(turn, HexFormat.of().formatHex(random) + "\n");
    }
  }
}
