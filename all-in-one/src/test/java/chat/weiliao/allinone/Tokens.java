package chat.weiliao.allinone;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made tokens, good and bad, signed with the test server's own key where that matters. */
final class Tokens {
  private static final Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
  private final JWTAuth signer;
  final String publicPem;

  Tokens(Path dataDir) {
    try {
      String both = Files.readString(dataDir.resolve("jwt").resolve("es256.pem"));
      int split = both.indexOf("-----BEGIN PUBLIC KEY-----");
      publicPem = both.substring(split);
      signer =
          JWTAuth.create(
              Vertx.vertx(),
              new JWTAuthOptions()
                  .addPubSecKey(
                      new PubSecKeyOptions()
                          .setAlgorithm("ES256")
                          .setBuffer(both.substring(0, split))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a good token: a fresh login id, issued now, expiring in ten minutes. */
  static JsonObject claims(String phone) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject()
        .put("sub", phone)
        .put("sid", UUID.randomUUID().toString())
        .put("jti", UUID.randomUUID().toString())
        .put("iss", "weiliao")
        .put("iat", now)
        .put("exp", now + 600);
  }

  /** Signs exactly these claims with the server's own key. */
  String signed(JsonObject claims) {
    return signer.generateToken(
        claims, new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
  }

  /** Correctly signed with the server's key, but naming a key id the server never issued. */
  String withUnknownKeyId(String phone) {
    return signer.generateToken(
        claims(phone),
        new JWTOptions()
            .setAlgorithm("ES256")
            .setNoTimestamp(true)
            .setHeader(new JsonObject().put("kid", "someone-elses-key")));
  }

  String valid(String phone) {
    return signed(claims(phone));
  }

  String expired(String phone) {
    return signed(claims(phone).put("exp", System.currentTimeMillis() / 1000 - 60));
  }

  String unsigned(String phone) {
    String header =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + payload(phone) + ".";
  }

  /** HS256 with the public key as the secret: the classic key-confusion forgery. */
  String hmacWithPublicKey(String phone) {
    try {
      String header =
          b64.encodeToString(
              "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      String signingInput = header + "." + payload(phone);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(publicPem.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput
          + "."
          + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real token whose payload was edited to name another user; the signature no longer fits. */
  static String tampered(String realToken, String otherPhone) {
    String[] parts = realToken.split("\\.");
    JsonObject claims =
        new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.put("sub", otherPhone);
    return parts[0]
        + "."
        + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  private static String payload(String phone) {
    return b64.encodeToString(claims(phone).encode().getBytes(StandardCharsets.UTF_8));
  }
}
