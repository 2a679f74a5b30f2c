package chat.weiliao.signaling;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.store.RateLimiter;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/** signaling-service: WebRTC call state and relay. Answers {@link SignalingApi}. */
public class SignalingServiceVerticle extends VerticleBase {
  private final Config config;
  private BusEndpoint endpoint;
  private CallTimers timers;

  public SignalingServiceVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    RedisAPI redis = Stores.redis(vertx, config);
    CallStore calls = new CallStore(redis);
    CallEvents events = new CallEvents(vertx, new ChatApi(vertx, config));
    CallHandlers handlers =
        new CallHandlers(
            calls,
            events,
            new IceServers(config),
            new UserApi(vertx, config),
            config.integer("WEILIAO_CALL_RING_TIMEOUT", 45),
            new RateLimiter(redis),
            config.integer("WEILIAO_CALL_INVITES_PER_MINUTE", 10));
    timers = new CallTimers(vertx, calls, events);
    endpoint =
        new BusEndpoint(vertx, Addresses.SIGNALING_SERVICE)
            .on(SignalingApi.INVITE_OFFER, handlers::invite)
            .on(SignalingApi.INVITE_ACCEPT, handlers::accept)
            .on(SignalingApi.INVITE_REFUSE, handlers::refuse)
            .on(SignalingApi.INVITE_CANCEL, handlers::cancel)
            .on(
                SignalingApi.VIDEO_OFFER,
                (call, sdp) -> handlers.relaySdp(ClientEvents.VIDEO_OFFER, call, sdp))
            .on(
                SignalingApi.VIDEO_ANSWER,
                (call, sdp) -> handlers.relaySdp(ClientEvents.VIDEO_ANSWER, call, sdp))
            .on(SignalingApi.ICE_CANDIDATE, handlers::relayCandidate)
            .on(SignalingApi.HANG_UP, handlers::hangUp)
            .on(SignalingApi.ICE_SERVERS, handlers::iceServers)
            .on(SignalingApi.CONNECTION_CLOSED, handlers::connectionClosed)
            .health(() -> redis.ping(List.of()));
    return endpoint.start().onSuccess(started -> timers.start());
  }

  @Override
  public Future<?> stop() {
    if (timers != null) {
      timers.stop();
    }
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }
}
