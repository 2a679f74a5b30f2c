package chat.weiliao.allinone;

import chat.weiliao.common.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One all-in-one server for the whole test run: embedded in-memory MongoDB-wire server, a real
 * embedded Redis, the real gateway on an ephemeral port. Tests use fresh phones so they never see
 * each other's data. 127.0.0.1 is a trusted proxy here so a test can pose as a distinct client
 * address with X-Forwarded-For.
 */
public final class TestSystem {
  public static final String TURN_SECRET = "test-turn-secret";
  private static TestSystem instance;
  private static final AtomicLong phones =
      new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);

  public final AllInOne system;
  public final Path dataDir;
  public final Config config;

  private TestSystem(AllInOne system, Path dataDir, Config config) {
    this.system = system;
    this.dataDir = dataDir;
    this.config = config;
  }

  public static synchronized TestSystem get() {
    if (instance == null) {
      try {
        Path dataDir = Files.createTempDirectory("weiliao-test");
        Config config =
            Config.fromEnv(
                Map.ofEntries(
                    Map.entry("WEILIAO_HTTP_PORT", "0"),
                    Map.entry("WEILIAO_HTTP_HOST", "127.0.0.1"),
                    Map.entry("WEILIAO_DATA_DIR", dataDir.toString()),
                    Map.entry("WEILIAO_EMBEDDED_PERSIST", "false"),
                    Map.entry("WEILIAO_TRUSTED_PROXIES", "127.0.0.1"),
                    Map.entry("WEILIAO_BCRYPT_COST", "10"),
                    Map.entry("WEILIAO_CALL_RING_TIMEOUT", "3"),
                    Map.entry("WEILIAO_STUN_URLS", "stun:127.0.0.1:3478"),
                    Map.entry(
                        "WEILIAO_TURN_URLS",
                        "turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp"),
                    Map.entry("WEILIAO_TURN_SECRET", TURN_SECRET),
                    // Every test's deliberately bad tokens come from 127.0.0.1 (TokenFloodTest
                    // tests the limit).
                    Map.entry("WEILIAO_TOKEN_FAILURES_PER_MINUTE", "10000")));
        AllInOne system = AllInOne.start(config).await(60, TimeUnit.SECONDS);
        instance = new TestSystem(system, dataDir, config);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test system", e);
      }
    }
    return instance;
  }

  public int port() {
    return system.port();
  }

  /** A phone no other test uses. */
  public static String newPhone() {
    return "1" + String.format("%011d", phones.incrementAndGet() % 100_000_000_000L);
  }

  /**
   * A server of a test class's own (for settings the shared one must not have): in memory, on
   * 127.0.0.1 and an ephemeral port, plus the given settings. The caller stops it.
   */
  public static AllInOne startOwn(String name, Map<String, String> settings) throws Exception {
    Map<String, String> all =
        new java.util.HashMap<>(
            Map.of(
                "WEILIAO_HTTP_PORT", "0",
                "WEILIAO_HTTP_HOST", "127.0.0.1",
                "WEILIAO_DATA_DIR", Files.createTempDirectory("weiliao-" + name).toString(),
                "WEILIAO_EMBEDDED_PERSIST", "false"));
    all.putAll(settings);
    return AllInOne.start(Config.fromEnv(all)).await(60, TimeUnit.SECONDS);
  }
}
