package chat.weiliao.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * bcrypt on a small worker pool of its own, never on an event loop. Passwords longer than
 * bcrypt's 72 bytes are pre-hashed with SHA-512 rather than silently truncated. A dummy hash
 * lets a login for an unknown phone cost as much as one with a wrong password.
 */
public final class PasswordHasher {
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
  private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final WorkerExecutor workers;
  private final int cost;
  private final String dummyHash;

  public PasswordHasher(Vertx vertx, int cost, int threads) {
    this.workers = vertx.createSharedWorkerExecutor("password-hashing", threads);
    this.cost = cost;
    this.dummyHash = hasher.hashToString(cost, "not a real password".toCharArray());
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> hasher.hashToString(cost, password.toCharArray()), false);
  }

  /** Whether the password matches; with a null hash, spends the same time and answers false. */
  public Future<Boolean> verify(String password, String hash) {
    String against = hash == null ? dummyHash : hash;
    return workers.executeBlocking(
        () -> verifyer.verify(password.toCharArray(), against).verified && hash != null, false);
  }

  public void close() {
    workers.close();
  }
}
