package chat.weiliao.user;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code Authorization: vapid t=<JWT>, k=<public key>} header of RFC 8292 for one push service
 * origin: an ES256 JWT (signed by vertx-auth-jwt) with {@code aud} the origin, {@code exp} 12 hours
 * ahead and {@code sub} the operator's contact. A token is reused for an origin until it has less
 * than an hour left, so a busy server signs about once an hour per push service, not once a push.
 * Event-loop confined.
 */
final class VapidTokens {
  private static final int LIFETIME_SECONDS = 12 * 3600;
  private static final long RENEW_BEFORE_MILLIS = 3600_000;

  private record Token(String header, long expiresAt) {}

  private final JWTAuth signer;
  private final String publicKey;
  private final String subject;
  private final Map<String, Token> byOrigin = new HashMap<>();

  VapidTokens(Vertx vertx, VapidKeys keys, String subject) {
    this.signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.privatePem())));
    this.publicKey = keys.publicKey();
    this.subject = subject;
  }

  String authorization(String origin) {
    long now = System.currentTimeMillis();
    Token token = byOrigin.get(origin);
    if (token == null || token.expiresAt - now < RENEW_BEFORE_MILLIS) {
      if (byOrigin.size() > 1000) {
        byOrigin.clear(); // origins come from a short configured list; this only bounds a mistake
      }
      String jwt =
          signer.generateToken(
              new JsonObject().put("aud", origin).put("sub", subject),
              new JWTOptions()
                  .setAlgorithm("ES256")
                  .setExpiresInSeconds(LIFETIME_SECONDS)
                  .setNoTimestamp(true));
      token = new Token("vapid t=" + jwt + ", k=" + publicKey, now + LIFETIME_SECONDS * 1000L);
      byOrigin.put(origin, token);
    }
    return token.header;
  }
}
