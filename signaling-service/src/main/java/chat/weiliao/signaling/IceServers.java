package chat.weiliao.signaling;

import chat.weiliao.common.Config;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers a client should use: STUN urls as configured, and TURN urls with short-lived
 * credentials in the TURN REST scheme that coturn's {@code use-auth-secret} checks: {@code username
 * = "<unix expiry>:<phone>"}, {@code credential = base64(HMAC-SHA1(secret, username))}.
 */
final class IceServers {
  private final List<String> stunUrls;
  private final List<String> turnUrls;
  private final String turnSecret;
  private final int ttlSeconds;

  IceServers(Config config) {
    this.stunUrls = config.list("WEILIAO_STUN_URLS");
    this.turnUrls = config.list("WEILIAO_TURN_URLS");
    this.turnSecret = config.string("WEILIAO_TURN_SECRET", null);
    this.ttlSeconds = config.integer("WEILIAO_TURN_TTL", 86400);
  }

  int ttlSeconds() {
    return ttlSeconds;
  }

  JsonArray forUser(String phone) {
    JsonArray servers = new JsonArray();
    if (!stunUrls.isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(stunUrls)));
    }
    if (!turnUrls.isEmpty() && turnSecret != null) {
      String username = (System.currentTimeMillis() / 1000 + ttlSeconds) + ":" + phone;
      servers.add(
          new JsonObject()
              .put("urls", new JsonArray(turnUrls))
              .put("username", username)
              .put("credential", credential(turnSecret, username)));
    }
    return servers;
  }

  static String credential(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
