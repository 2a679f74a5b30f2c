package chat.weiliao.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import chat.weiliao.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bcrypt on a small worker pool of its own, never on an event loop. At most {@code maxQueued}
 * hashes wait or run at once; past that a request is answered UNAVAILABLE at once (safe to retry)
 * instead of joining a queue that a burst of logins could grow without bound, holding every
 * password in memory until bus timeouts long after the callers gave up. Passwords longer than
 * bcrypt's 72 bytes are pre-hashed with SHA-512 rather than silently truncated. A dummy hash lets a
 * login for an unknown phone cost as much as one with a wrong password.
 */
public final class PasswordHasher {
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
  private final BCrypt.Hasher hasher =
      BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final BCrypt.Verifyer verifyer =
      BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
  private final WorkerExecutor workers;
  private final int cost;
  private final String dummyHash;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();

  public PasswordHasher(Vertx vertx, int cost, int threads, int maxQueued) {
    this.workers = vertx.createSharedWorkerExecutor("password-hashing", threads);
    this.cost = cost;
    this.maxQueued = maxQueued;
    this.dummyHash = hasher.hashToString(cost, "not a real password".toCharArray());
  }

  public Future<String> hash(String password) {
    return bounded(() -> hasher.hashToString(cost, password.toCharArray()));
  }

  /** Whether the password matches; with a null hash, spends the same time and answers false. */
  public Future<Boolean> verify(String password, String hash) {
    String against = hash == null ? dummyHash : hash;
    return bounded(() -> verifyer.verify(password.toCharArray(), against).verified && hash != null);
  }

  private <T> Future<T> bounded(Callable<T> work) {
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      return Future.failedFuture(
          ApiException.unavailable("Too many sign-ins at once; try again in a moment"));
    }
    return workers.executeBlocking(work, false).onComplete(done -> queued.decrementAndGet());
  }

  public void close() {
    workers.close();
  }
}
