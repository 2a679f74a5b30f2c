package chat.weiliao.moments;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.MomentsApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.store.RateLimiter;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;

/**
 * moments-service: posts, likes and comments seen by contacts (contract 1.1 §5.3). Answers {@link
 * MomentsApi}.
 */
public class MomentsServiceVerticle extends VerticleBase {
  private final Config config;
  private BusEndpoint endpoint;

  public MomentsServiceVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    MongoClient mongo = Stores.mongo(vertx, config);
    MomentStore moments = new MomentStore(mongo);
    TimelineStore timeline = new TimelineStore(mongo);
    UserApi users = new UserApi(vertx, config);
    Visibility visibility = new Visibility(moments, users);
    MomentQuotas quotas = new MomentQuotas(new RateLimiter(Stores.redis(vertx, config)), config);
    MomentHandlers posts =
        new MomentHandlers(
            vertx,
            moments,
            timeline,
            new MomentViews(users),
            visibility,
            quotas,
            users,
            new ChatApi(vertx, config));
    ActivityHandlers activity = new ActivityHandlers(vertx, moments, visibility, quotas, users);
    endpoint =
        new BusEndpoint(vertx, Addresses.MOMENTS_SERVICE)
            .on(MomentsApi.POST, posts::post)
            .on(MomentsApi.TIMELINE, posts::timeline)
            .on(MomentsApi.ALBUM, posts::album)
            .on(MomentsApi.GET, posts::get)
            .on(MomentsApi.DELETE, posts::delete)
            .on(MomentsApi.LIKE, activity::like)
            .on(MomentsApi.UNLIKE, activity::unlike)
            .on(MomentsApi.COMMENT, activity::comment)
            .on(MomentsApi.DELETE_COMMENT, activity::deleteComment)
            .health(() -> Stores.ping(mongo));
    return moments
        .createIndexes()
        .compose(done -> timeline.createIndexes())
        .compose(done -> endpoint.start());
  }

  @Override
  public Future<?> stop() {
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }
}
