package chat.weiliao.user;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * Key files generated into the data directory on first start. Blocking file I/O: call from a
 * worker.
 */
final class KeyFiles {
  private KeyFiles() {}

  /**
   * The file's text, written first from {@code generate} if it does not exist. The write is a
   * temporary file moved into place atomically and never replacing, so processes sharing the
   * directory agree on one key.
   */
  static String createOnce(Path file, Callable<String> generate) throws Exception {
    if (!Files.exists(file)) {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(temp, generate.call());
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(temp);
      }
    }
    return Files.readString(file);
  }
}
