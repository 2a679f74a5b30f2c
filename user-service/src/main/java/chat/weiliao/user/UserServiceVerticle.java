package chat.weiliao.user;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.bus.UserApi.PublicKey;
import chat.weiliao.common.store.RateLimiter;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/** user-service: accounts, tokens, profiles. Answers {@link UserApi} on the bus. */
public class UserServiceVerticle extends VerticleBase {
  private final Config config;
  private BusEndpoint endpoint;
  private PasswordHasher passwords;
  private PushSender pushSender;

  public UserServiceVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    MongoClient mongo = Stores.mongo(vertx, config);
    RedisAPI redis = Stores.redis(vertx, config);
    UserStore users = new UserStore(mongo);
    RateLimiter limits = new RateLimiter(redis);
    Quotas quotas = Quotas.from(config);
    ContactStore contactStore = new ContactStore(mongo);
    Presence presence = new Presence(redis);
    PushSubscriptions pushSubscriptions = new PushSubscriptions(mongo);
    PushOrigins pushOrigins = PushOrigins.from(config);
    return vertx
        .executeBlocking(
            () -> {
              passwords =
                  new PasswordHasher(
                      vertx,
                      config.integer("WEILIAO_BCRYPT_COST", 10),
                      config.integer(
                          "WEILIAO_HASH_THREADS", Runtime.getRuntime().availableProcessors()),
                      config.integer("WEILIAO_HASH_QUEUE", 100));
              return new StartKeys(SigningKeys.load(config), VapidKeys.load(config));
            })
        .compose(
            loaded ->
                users
                    .createIndexes()
                    .compose(done -> contactStore.createIndexes())
                    .compose(done -> pushSubscriptions.createIndexes())
                    .map(loaded))
        .compose(
            loaded -> {
              SigningKeys keys = loaded.signing();
              AccountHandlers accounts =
                  new AccountHandlers(
                      vertx,
                      users,
                      passwords,
                      new Logins(vertx, config, keys, redis),
                      limits,
                      quotas,
                      pushSubscriptions);
              pushSender =
                  new PushSender(
                      vertx,
                      new VapidTokens(
                          vertx,
                          loaded.vapid(),
                          config.string("WEILIAO_VAPID_SUBJECT", "mailto:push@weiliao.invalid")),
                      pushSubscriptions,
                      limits,
                      new PushMetrics(),
                      config.integer("WEILIAO_PUSH_PER_USER_PER_MINUTE", 30),
                      config.integer("WEILIAO_PUSH_RETRY_MS", 1000));
              PushHandlers push =
                  new PushHandlers(
                      loaded.vapid(), pushOrigins, pushSubscriptions, pushSender, presence, users);
              ContactViews views = new ContactViews(users, presence);
              ChatApi chat = new ChatApi(vertx, config);
              ProfileHandlers profiles =
                  new ProfileHandlers(vertx, users, limits, contactStore, views, quotas, chat);
              ContactHandlers contacts =
                  new ContactHandlers(
                      vertx,
                      users,
                      contactStore,
                      new ContactPairs(mongo),
                      views,
                      chat,
                      limits,
                      quotas);
              PresenceHandlers online = new PresenceHandlers(vertx, presence, contactStore);
              endpoint =
                  new BusEndpoint(vertx, Addresses.USER_SERVICE)
                      .on(UserApi.REGISTER, accounts::register)
                      .on(UserApi.LOGIN, accounts::login)
                      .on(UserApi.REFRESH, accounts::refresh)
                      .on(UserApi.LOGOUT, accounts::logout)
                      .on(
                          UserApi.PUBLIC_KEY,
                          (call, nothing) ->
                              Future.succeededFuture(Answer.of(new PublicKey(keys.publicPem()))))
                      .on(UserApi.ME, profiles::me)
                      .on(UserApi.UPDATE_ME, profiles::updateMe)
                      .on(UserApi.SEARCH, profiles::search)
                      .on(UserApi.GET, profiles::get)
                      .on(UserApi.PROFILES, profiles::profiles)
                      .on(UserApi.CREATE_REQUEST, contacts::createRequest)
                      .on(UserApi.LIST_REQUESTS, contacts::listRequests)
                      .on(UserApi.ACCEPT_REQUEST, contacts::acceptRequest)
                      .on(UserApi.DECLINE_REQUEST, contacts::declineRequest)
                      .on(UserApi.CONTACTS, contacts::list)
                      .on(UserApi.UPDATE_CONTACT, contacts::update)
                      .on(UserApi.DELETE_CONTACT, contacts::delete)
                      .on(UserApi.ARE_CONTACTS, contacts::areContacts)
                      .on(UserApi.CONTACTS_AMONG, contacts::contactsAmong)
                      .on(UserApi.CONTACT_PHONES, contacts::contactPhones)
                      .on(UserApi.PRESENCE_ONLINE, online::online)
                      .on(UserApi.PRESENCE_OFFLINE, online::offline)
                      .on(UserApi.IS_ONLINE, online::check)
                      .on(UserApi.PUSH_KEY, push::key)
                      .on(UserApi.PUSH_SUBSCRIBE, push::subscribe)
                      .on(UserApi.PUSH_UNSUBSCRIBE, push::unsubscribe)
                      .on(UserApi.PUSH_MESSAGE, push::message)
                      .on(UserApi.PUSH_INVITE, push::invite)
                      .health(() -> users.ping().compose(ok -> redis.ping(List.of())));
              return endpoint.start();
            });
  }

  @Override
  public Future<?> stop() {
    if (passwords != null) {
      passwords.close();
    }
    if (pushSender != null) {
      pushSender.close();
    }
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }

  /** The keys read or generated at start, off the event loop. */
  private record StartKeys(SigningKeys signing, VapidKeys vapid) {}
}
