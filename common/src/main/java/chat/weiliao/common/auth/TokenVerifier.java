package chat.weiliao.common.auth;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.Validation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.redis.client.RedisAPI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks an access token with the public key alone: ES256 signature (so `alg: none` and HMAC tokens
 * fail), issuer, expiry, the claims we rely on, and that its login was not revoked.
 *
 * <p>The signature check is most of a socket's set-up cost (JDK 17's P-256 is plain Java: about
 * half of the gateway's CPU while sockets connect), and a reconnecting client presents the same
 * token again. So the claims of tokens whose signature was verified are kept (the most recently
 * used {@code cacheSize}); expiry and revocation are checked on every use all the same.
 */
public final class TokenVerifier {
  private static final int CLOCK_SKEW_SECONDS = 2;
  private final ThreadLocal<JWTAuth> jwt;
  private final RedisAPI redis;
  private final Map<String, AccessToken> verified;

  /** Signature checks run here, never on an event loop: 1-2 ms of CPU each, on any token sent. */
  private final WorkerExecutor signatureCheckers;

  private final int maxPendingChecks;
  private final AtomicInteger pendingChecks = new AtomicInteger();

  /**
   * Checks signatures on {@code checkThreads} worker threads, with at most {@code maxPendingChecks}
   * running or waiting; past that a token is refused with UNAVAILABLE (retry in a second)
   * unchecked.
   */
  public TokenVerifier(
      Vertx vertx,
      String publicKeyPem,
      RedisAPI redis,
      int cacheSize,
      int checkThreads,
      int maxPendingChecks) {
    this.signatureCheckers = vertx.createSharedWorkerExecutor("weiliao-token-checks", checkThreads);
    this.maxPendingChecks = maxPendingChecks;
    JWTAuthOptions options =
        new JWTAuthOptions()
            .addPubSecKey(
                new PubSecKeyOptions().setAlgorithm(JwtKeys.ALGORITHM).setBuffer(publicKeyPem))
            // Leeway for iat and nbf (a fresh token from a user-service whose clock is a little
            // ahead);
            // it would extend exp too, so expiry is checked again, exactly, in claims().
            .setJWTOptions(
                new JWTOptions().setIssuer(JwtKeys.ISSUER).setLeeway(CLOCK_SKEW_SECONDS));
    // One provider per checking thread: a provider verifies under a lock on its one Signature.
    this.jwt = ThreadLocal.withInitial(() -> JWTAuth.create(vertx, options));
    this.redis = redis;
    this.verified =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, AccessToken> eldest) {
            return size() > cacheSize;
          }
        };
  }

  public Future<AccessToken> verify(String token) {
    if (token == null || token.isBlank() || token.length() > 4096 || !headerIsOurs(token)) {
      return Future.failedFuture(ApiException.unauthenticated("Missing or malformed token"));
    }
    AccessToken known = remembered(token);
    if (known != null) {
      return known.expiresAtMillis() > System.currentTimeMillis()
          ? rejectRevoked(known)
          : Future.failedFuture(ApiException.unauthenticated("Invalid or expired token"));
    }
    if (pendingChecks.incrementAndGet() > maxPendingChecks) {
      pendingChecks.decrementAndGet();
      return Future.failedFuture(
          new ApiException(ErrorCode.UNAVAILABLE, "Too many sign-ins at once; try again", 1));
    }
    return signatureCheckers
        .executeBlocking(() -> checkSignature(token), false)
        .onComplete(done -> pendingChecks.decrementAndGet())
        .map(claims -> remember(token, claims))
        .compose(this::rejectRevoked);
  }

  /** On a worker thread: JWTAuth checks synchronously, so its future is complete on return. */
  private AccessToken checkSignature(String token) {
    Future<User> checked = jwt.get().authenticate(new TokenCredentials(token));
    if (checked.failed() || !checked.isComplete()) {
      throw ApiException.unauthenticated("Invalid or expired token");
    }
    return claims(checked.result().attributes().getJsonObject("accessToken", new JsonObject()));
  }

  private AccessToken remembered(String token) {
    synchronized (verified) {
      return verified.get(token);
    }
  }

  private AccessToken remember(String token, AccessToken claims) {
    synchronized (verified) {
      verified.put(token, claims);
    }
    return claims;
  }

  /**
   * Our tokens' header is exactly {alg: ES256} (typ optional) and names no key: a token that asks
   * for another algorithm or for a key by id was not issued by us, whatever its signature.
   */
  private static boolean headerIsOurs(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    try {
      JsonObject header =
          new JsonObject(
              new String(
                  Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
      return JwtKeys.ALGORITHM.equals(header.getValue("alg"))
          && !header.containsKey("kid")
          && !header.containsKey("jku")
          && !header.containsKey("jwk")
          && !header.containsKey("x5u");
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private static AccessToken claims(JsonObject principal) {
    Object sub = principal.getValue("sub");
    Object sid = principal.getValue("sid");
    Object jti = principal.getValue("jti");
    Object exp = principal.getValue("exp");
    if (!(sub instanceof String phone)
        || !Validation.isPhone(phone)
        || !(sid instanceof String session)
        || !(jti instanceof String id)
        || !(exp instanceof Number expiry)) {
      throw ApiException.unauthenticated("Invalid token claims");
    }
    if (expiry.longValue() * 1000 <= System.currentTimeMillis()) {
      throw ApiException.unauthenticated("Invalid or expired token");
    }
    return new AccessToken(phone, session, id, expiry.longValue() * 1000);
  }

  /** Fails UNAUTHENTICATED if the token's login was revoked since it was verified. */
  public Future<AccessToken> rejectRevoked(AccessToken token) {
    return redis
        .exists(List.of(RevokedSessions.key(token.sessionId())))
        .recover(down -> Future.failedFuture(ApiException.unavailable("Token store unavailable")))
        .map(
            count -> {
              if (count != null && count.toLong() > 0) {
                throw ApiException.unauthenticated("Token revoked");
              }
              return token;
            });
  }
}
