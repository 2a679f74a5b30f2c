package chat.weiliao.signaling;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/** signaling-service: WebRTC call state and relay. Answers {@link SignalingApi}. */
public class SignalingServiceVerticle extends VerticleBase {
  private final Config config;
  private BusEndpoint endpoint;

  public SignalingServiceVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    RedisAPI redis = Stores.redis(vertx, config);
    endpoint = new BusEndpoint(vertx, Addresses.SIGNALING_SERVICE)
        .on(BusEndpoint.HEALTH, call -> redis.ping(List.of()).map(new JsonObject()));
    return endpoint.start();
  }

  @Override
  public Future<?> stop() {
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }
}
