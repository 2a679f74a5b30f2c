package chat.weiliao.common.auth;

import chat.weiliao.common.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the JWT key pair comes from. A setting holds either the PEM text itself or the path of a
 * PEM file, so operators can pass keys as secrets or as mounted files.
 */
public final class JwtKeys {
  public static final String PUBLIC_KEY = "WEILIAO_JWT_PUBLIC_KEY";
  public static final String PRIVATE_KEY = "WEILIAO_JWT_PRIVATE_KEY";
  public static final String ISSUER = "weiliao";
  public static final String ALGORITHM = "ES256";

  private JwtKeys() {}

  /** The configured PEM, or null when the setting is absent. */
  public static String pem(Config config, String setting) {
    String value = config.string(setting, null);
    if (value == null) {
      return null;
    }
    if (value.startsWith("-----BEGIN")) {
      return value;
    }
    try {
      return Files.readString(Path.of(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + setting + " file " + value, e);
    }
  }
}
