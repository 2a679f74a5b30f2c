package chat.weiliao.user;

import chat.weiliao.common.Config;
import chat.weiliao.common.auth.JwtKeys;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The ES256 key pair that signs access tokens. Deployments pass both PEMs by env; otherwise a pair
 * is generated on first start and kept under WEILIAO_DATA_DIR/jwt so tokens survive a restart.
 * Blocking file I/O: call from a worker.
 */
public record SigningKeys(String privatePem, String publicPem) {

  public static SigningKeys load(Config config) throws Exception {
    String privatePem = JwtKeys.pem(config, JwtKeys.PRIVATE_KEY);
    String publicPem = JwtKeys.pem(config, JwtKeys.PUBLIC_KEY);
    if (privatePem != null && publicPem != null) {
      return new SigningKeys(privatePem, publicPem);
    }
    if (privatePem != null || publicPem != null) {
      throw new IllegalArgumentException(
          "set both " + JwtKeys.PRIVATE_KEY + " and " + JwtKeys.PUBLIC_KEY);
    }
    return fromDirectory(config.dataDir().resolve("jwt"));
  }

  static SigningKeys fromDirectory(Path dir) throws Exception {
    String both = KeyFiles.createOnce(dir.resolve("es256.pem"), SigningKeys::generate);
    int split = both.indexOf("-----BEGIN PUBLIC KEY-----");
    return new SigningKeys(both.substring(0, split), both.substring(split));
  }

  private static String generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded())
        + pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
