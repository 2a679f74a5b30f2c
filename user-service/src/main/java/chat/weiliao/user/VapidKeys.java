package chat.weiliao.user;

import chat.weiliao.common.Config;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Properties;

/**
 * The VAPID key pair (RFC 8292) that identifies this server to push services: a P-256 pair,
 * base64url, the public key uncompressed (what browsers take as {@code applicationServerKey}). From
 * WEILIAO_VAPID_PUBLIC_KEY and WEILIAO_VAPID_PRIVATE_KEY, or generated on first start into
 * WEILIAO_DATA_DIR/push/vapid.properties, like the token signing key. Every user-service instance
 * must use the same pair: browsers' subscriptions are bound to it.
 */
record VapidKeys(String publicKey, ECPrivateKey privateKey) {
  static final String PUBLIC_KEY = "WEILIAO_VAPID_PUBLIC_KEY";
  static final String PRIVATE_KEY = "WEILIAO_VAPID_PRIVATE_KEY";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** Blocking file I/O when the pair is generated or read: call from a worker. */
  static VapidKeys load(Config config) throws Exception {
    String publicKey = config.string(PUBLIC_KEY, null);
    String privateKey = config.string(PRIVATE_KEY, null);
    if (publicKey == null && privateKey == null) {
      Properties stored = new Properties();
      stored.load(
          new java.io.StringReader(
              KeyFiles.createOnce(
                  config.dataDir().resolve("push").resolve("vapid.properties"),
                  VapidKeys::generate)));
      publicKey = stored.getProperty("publicKey");
      privateKey = stored.getProperty("privateKey");
    } else if (publicKey == null || privateKey == null) {
      throw new IllegalArgumentException("set both " + PUBLIC_KEY + " and " + PRIVATE_KEY);
    }
    return of(publicKey, privateKey);
  }

  static VapidKeys of(String publicKey, String privateKey) throws GeneralSecurityException {
    try {
      PushEncryption.checkPublicKey(Base64.getUrlDecoder().decode(publicKey));
      return new VapidKeys(
          publicKey, PushEncryption.privateKey(Base64.getUrlDecoder().decode(privateKey)));
    } catch (IllegalArgumentException notBase64url) {
      throw new GeneralSecurityException("the VAPID keys must be base64url", notBase64url);
    }
  }

  private static String generate() throws GeneralSecurityException {
    KeyPair pair = PushEncryption.newKeyPair();
    return "publicKey="
        + BASE64URL.encodeToString(PushEncryption.rawPublicKey((ECPublicKey) pair.getPublic()))
        + "\nprivateKey="
        + BASE64URL.encodeToString(PushEncryption.rawPrivateKey((ECPrivateKey) pair.getPrivate()))
        + "\n";
  }

  /** The private key as PKCS#8 PEM, the form vertx-auth-jwt signs with. */
  String privatePem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(privateKey.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
