package chat.weiliao.gateway.http;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.auth.AccessToken;
import chat.weiliao.common.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;

/**
 * Token checks counted per client address: an address whose tokens failed
 * WEILIAO_TOKEN_FAILURES_PER_MINUTE times in the current minute is refused (429, Retry-After until
 * the minute ends) before any signature is checked, so bogus tokens cannot buy CPU. That refusal
 * comes {@link #REFUSAL_DELAY_MILLIS} late: a client that asks again as soon as it is answered, as
 * scripted attacks do, then costs a request a second per connection, not thousands. Runs on the
 * gateway's event loop.
 */
public final class TokenGate {
  private static final long WINDOW_MILLIS = 60_000;

  /** How long a refused address waits for its 429 (shared with the handshake's refusals). */
  public static final long REFUSAL_DELAY_MILLIS = 1_000;

  /**
   * Beyond this many distinct failing addresses in a minute, new ones are not tracked (memory
   * bound).
   */
  private static final int MAX_ADDRESSES = 100_000;

  private final Vertx vertx;
  private final TokenVerifier verifier;
  private final int failuresPerMinute;
  private final Map<String, Integer> failures = new HashMap<>();
  private long windowStart;

  public TokenGate(Vertx vertx, TokenVerifier verifier, int failuresPerMinute) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.failuresPerMinute = failuresPerMinute;
  }

  public Future<AccessToken> verify(String address, String token) {
    long now = System.currentTimeMillis();
    if (now - windowStart >= WINDOW_MILLIS) {
      failures.clear();
      windowStart = now;
    }
    if (failures.getOrDefault(address, 0) >= failuresPerMinute) {
      int secondsLeft = (int) ((windowStart + WINDOW_MILLIS - now + 999) / 1000);
      return later(
          ApiException.rateLimited("Too many failed sign-ins from this address", secondsLeft));
    }
    return verifier.verify(token).onFailure(failure -> countFailure(address, failure));
  }

  /**
   * Whether the token's login is still signed in (a logout may have come since it was verified).
   */
  public Future<AccessToken> stillSignedIn(AccessToken token) {
    return verifier.rejectRevoked(token);
  }

  private <T> Future<T> later(ApiException refusal) {
    Promise<T> refused = Promise.promise();
    vertx.setTimer(REFUSAL_DELAY_MILLIS, late -> refused.fail(refusal));
    return refused.future();
  }

  private void countFailure(String address, Throwable failure) {
    boolean badToken =
        failure instanceof ApiException api && api.code() == ErrorCode.UNAUTHENTICATED;
    if (badToken && (failures.size() < MAX_ADDRESSES || failures.containsKey(address))) {
      failures.merge(address, 1, Integer::sum);
    }
  }
}
