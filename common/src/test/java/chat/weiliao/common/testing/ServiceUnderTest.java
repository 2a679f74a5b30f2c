package chat.weiliao.common.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One service under test in the manner of vertx-in-action's service tests, as a JUnit extension (a
 * static {@code @RegisterExtension} field): for the test class, its verticle deployed for real on a
 * Vert.x of its own, its stores real servers on real sockets; for each test, its bus neighbours
 * stubbed afresh ({@link #stub}, from {@link #stubNeighbours}) and users' events captured ({@link
 * #inbox}), all undone after the test. Phones from {@link #newPhone} keep the tests of a class
 * apart.
 */
public class ServiceUnderTest
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private static final AtomicLong phones = new AtomicLong(13_800_000_000L);
  private final Function<Config, Deployable> verticle;
  private final Map<String, String> settings;
  private final List<TestStore> stores;
  private final List<AutoCloseable> ofThisTest = new ArrayList<>();
  private Vertx vertx;
  private Config config;
  private Path dataDir;

  /** The verticle made from {@code settings} plus the addresses of {@code stores}. */
  public ServiceUnderTest(
      Function<Config, Deployable> verticle, Map<String, String> settings, TestStore... stores) {
    this.verticle = verticle;
    this.settings = settings;
    this.stores = List.of(stores);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("weiliao-service-test");
    Map<String, String> all = new HashMap<>(settings);
    all.put("WEILIAO_DATA_DIR", dataDir.toString());
    for (TestStore store : stores) {
      all.putAll(store.start());
    }
    config = Config.fromEnv(all);
    await(vertx.deployVerticle(verticle.apply(config)));
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    stubNeighbours();
  }

  /** Stubs the neighbours each test starts with, as the contract answers; none here. */
  protected void stubNeighbours() throws Exception {}

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (AutoCloseable done : ofThisTest) {
      done.close();
    }
    ofThisTest.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    for (TestStore store : stores) {
      store.stop();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The settings the service runs with (bus clients take their timeout from it). */
  public Config config() {
    return config;
  }

  /** A neighbour stubbed on {@code address} for the current test. */
  public StubService stub(String address) throws Exception {
    return ofThisTest(StubService.at(vertx, address));
  }

  /** {@code phone}'s events from now until the end of the current test. */
  public Inbox inbox(String phone) throws Exception {
    return ofThisTest(Inbox.of(vertx, phone));
  }

  private <T extends AutoCloseable> T ofThisTest(T resource) {
    ofThisTest.add(resource);
    return resource;
  }

  /** A phone no other test of this run uses. */
  public static String newPhone() {
    return Long.toString(phones.incrementAndGet());
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }

  /** The contract error a request failed with (the test fails if it succeeded). */
  public static ApiException failure(Future<?> future) {
    return assertThrows(ApiException.class, () -> await(future));
  }
}
