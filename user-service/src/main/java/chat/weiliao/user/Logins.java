package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.auth.JwtKeys;
import chat.weiliao.common.auth.RevokedSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Logins and their tokens. A login is a session id ({@code sid}); its access tokens are ES256 JWTs
 * carrying it, and its one live refresh token is {@code <sid>.<secret>} with only the secret's
 * SHA-256 kept in Redis. Refreshing swaps the secret atomically; presenting a spent one ends the
 * login's refresh chain (reuse detection). Logging out also denies its access tokens.
 */
public final class Logins {
  /** Rotates when the presented secret is current; otherwise deletes the login (reuse). */
  private static final String ROTATE =
      """
      local current = redis.call('HGET', KEYS[1], 'cur')
      if not current then return {0, ''} end
      local phone = redis.call('HGET', KEYS[1], 'phone')
      if current == ARGV[1] then
        redis.call('HSET', KEYS[1], 'cur', ARGV[2])
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return {1, phone}
      end
      redis.call('DEL', KEYS[1])
      return {2, phone}
      """;

  private static final SecureRandom random = new SecureRandom();

  private final JWTAuth signer;
  private final RedisAPI redis;
  private final int accessTtl;
  private final int refreshTtl;

  public Logins(Vertx vertx, Config config, SigningKeys keys, RedisAPI redis) {
    this.signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm(JwtKeys.ALGORITHM)
                        .setBuffer(keys.privatePem()))
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm(JwtKeys.ALGORITHM)
                        .setBuffer(keys.publicPem())));
    this.redis = redis;
    this.accessTtl = config.accessTokenTtlSeconds();
    this.refreshTtl = config.refreshTokenTtlSeconds();
  }

  /** Starts a login for the user and returns its first tokens. */
  public Future<JsonObject> start(String phone) {
    String sessionId = randomToken(16);
    String secret = randomToken(32);
    return redis
        .hset(List.of(loginKey(sessionId), "phone", phone, "cur", digest(secret)))
        .compose(done -> redis.expire(List.of(loginKey(sessionId), Integer.toString(refreshTtl))))
        .recover(Logins::storeDown)
        .map(done -> tokens(phone, sessionId, secret));
  }

  /** Exchanges a refresh token for new tokens; the phone is in the result as "phone". */
  public Future<JsonObject> refresh(String refreshToken) {
    int dot = refreshToken.indexOf('.');
    if (dot <= 0 || dot == refreshToken.length() - 1) {
      return Future.failedFuture(ApiException.unauthenticated("Invalid refresh token"));
    }
    String sessionId = refreshToken.substring(0, dot);
    String secret = randomToken(32);
    List<String> args =
        List.of(
            ROTATE,
            "1",
            loginKey(sessionId),
            digest(refreshToken.substring(dot + 1)),
            digest(secret),
            Integer.toString(refreshTtl));
    return redis
        .eval(args)
        .recover(Logins::storeDown)
        .map(result -> rotated(result, sessionId, secret));
  }

  /** Ends the login: no refresh, and its access tokens are denied until the last has expired. */
  public Future<Void> revoke(String sessionId) {
    return redis
        .del(List.of(loginKey(sessionId)))
        .compose(
            done ->
                redis.set(
                    List.of(
                        RevokedSessions.key(sessionId), "1", "EX", Integer.toString(accessTtl))))
        .recover(Logins::storeDown)
        .mapEmpty();
  }

  private JsonObject rotated(Response result, String sessionId, String secret) {
    if (result.get(0).toInteger() != 1) {
      throw ApiException.unauthenticated("Invalid, expired or already used refresh token");
    }
    return tokens(result.get(1).toString(), sessionId, secret)
        .put("phone", result.get(1).toString());
  }

  private JsonObject tokens(String phone, String sessionId, String secret) {
    String accessToken =
        signer.generateToken(
            new JsonObject().put("sub", phone).put("sid", sessionId).put("jti", randomToken(12)),
            new JWTOptions()
                .setAlgorithm(JwtKeys.ALGORITHM)
                .setIssuer(JwtKeys.ISSUER)
                .setExpiresInSeconds(accessTtl));
    return new JsonObject()
        .put("accessToken", accessToken)
        .put("refreshToken", sessionId + "." + secret)
        .put("expiresIn", accessTtl);
  }

  private static String loginKey(String sessionId) {
    return "login:" + sessionId;
  }

  private static String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  private static String digest(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static <T> Future<T> storeDown(Throwable failure) {
    return Future.failedFuture(
        failure instanceof ApiException
            ? failure
            : ApiException.unavailable("Token store unavailable"));
  }
}
