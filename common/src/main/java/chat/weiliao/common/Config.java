package chat.weiliao.common;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings read from the environment under the contract's names (see README "Configuration"). Tests
 * and the all-in-one launcher layer overrides on top of the environment.
 */
public final class Config {
  private final Map<String, String> values;

  private Config(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Config fromEnv() {
    return new Config(System.getenv());
  }

  /** The environment with the given entries replacing or adding values. */
  public static Config fromEnv(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(System.getenv());
    merged.putAll(overrides);
    return new Config(merged);
  }

  public Config with(String name, String value) {
    Map<String, String> merged = new HashMap<>(values);
    merged.put(name, value);
    return new Config(merged);
  }

  public String string(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  public int integer(String name, int fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  public boolean flag(String name, boolean fallback) {
    String value = string(name, null);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }

  /** A comma-separated list; empty when unset. */
  public List<String> list(String name) {
    String value = string(name, null);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public boolean isSet(String name) {
    return string(name, null) != null;
  }

  // The settings every module shares, with the contract's defaults.

  public int httpPort() {
    return integer("WEILIAO_HTTP_PORT", 8080);
  }

  public String httpHost() {
    return string("WEILIAO_HTTP_HOST", "0.0.0.0");
  }

  public Path dataDir() {
    return Path.of(string("WEILIAO_DATA_DIR", "data")).toAbsolutePath();
  }

  public String mongoUri() {
    return string("WEILIAO_MONGO_URI", "mongodb://127.0.0.1:27017/weiliao");
  }

  public String redisUrl() {
    return string("WEILIAO_REDIS_URL", "redis://127.0.0.1:6379");
  }

  public int accessTokenTtlSeconds() {
    return integer("WEILIAO_ACCESS_TOKEN_TTL", 900);
  }

  public int refreshTokenTtlSeconds() {
    return integer("WEILIAO_REFRESH_TOKEN_TTL", 30 * 24 * 3600);
  }

  public long busTimeoutMillis() {
    return integer("WEILIAO_BUS_TIMEOUT_MS", 10_000);
  }

  public boolean clustered() {
    return flag("WEILIAO_CLUSTERED", false);
  }
}
