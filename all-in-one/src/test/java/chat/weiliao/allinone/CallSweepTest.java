package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 #9: {@code calls:active} lists live calls for the dead-gateway sweep. An id whose call
 * state has expired (12 h after answering) must leave the list, or the list grows with every such
 * call. The server uses a Redis of this test's own, so the test can see the list and plant an
 * expired id in it the way a 12-hour call would leave one.
 */
class CallSweepTest {
  private static final String ACTIVE = "calls:active";
  private static final Vertx vertx = Vertx.vertx();
  private static EmbeddedStores stores;
  private static AllInOne system;
  private static Http http;
  private static RedisAPI redis;

  @BeforeAll
  static void start() throws Exception {
    stores = new EmbeddedStores();
    String redisUrl = stores.startRedis(null);
    system = TestSystem.startOwn("call-sweep", Map.of("WEILIAO_REDIS_URL", redisUrl));
    http = new Http(system.port());
    redis = RedisAPI.api(Redis.createClient(vertx, redisUrl));
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    stores.stop();
  }

  @Test
  void anExpiredCallLeavesTheActiveListAndALiveOneStays() throws Exception {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject invited =
          a.request("invite-offer", new JsonObject().put("to", bob.phone()).put("media", "audio"));
      assertEquals("ack", invited.getString("type"), invited.encode());
      String live = invited.getJsonObject("payload").getString("callId");
      b.awaitType("invite-offer");
      String expired = "0123456789abcdef0123456789abcdef";
      redis.sadd(List.of(ACTIVE, expired)).await(5, TimeUnit.SECONDS);

      long deadline = System.currentTimeMillis() + 20_000;
      while (isActive(expired) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(!isActive(expired), "the sweep (every second) forgets a call whose state is gone");
      assertTrue(isActive(live), "a ringing call stays listed");
    }
  }

  private static boolean isActive(String callId) throws Exception {
    return redis.sismember(ACTIVE, callId).await(5, TimeUnit.SECONDS).toInteger() == 1;
  }
}
