package chat.weiliao.user;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.store.RateLimiter;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/** user-service: accounts, tokens, profiles. Answers {@link UserApi} on the bus. */
public class UserServiceVerticle extends VerticleBase {
  private final Config config;
  private BusEndpoint endpoint;
  private PasswordHasher passwords;

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
    return vertx.executeBlocking(() -> {
      passwords = new PasswordHasher(vertx, config.integer("WEILIAO_BCRYPT_COST", 10),
          config.integer("WEILIAO_HASH_THREADS", Runtime.getRuntime().availableProcessors()),
          config.integer("WEILIAO_HASH_QUEUE", 100));
      return SigningKeys.load(config);
    }).compose(keys -> users.createIndexes().compose(done -> contactStore.createIndexes()).map(keys)).compose(keys -> {
      AccountHandlers accounts = new AccountHandlers(vertx, users, passwords, new Logins(vertx, config, keys, redis), limits,
          quotas);
      ContactViews views = new ContactViews(users, presence);
      ChatApi chat = new ChatApi(vertx, config);
      ProfileHandlers profiles = new ProfileHandlers(vertx, users, limits, contactStore, views, quotas, chat);
      ContactHandlers contacts = new ContactHandlers(vertx, users, contactStore, new ContactPairs(mongo), views,
          chat, limits, quotas);
      PresenceHandlers online = new PresenceHandlers(vertx, presence, contactStore);
      endpoint = new BusEndpoint(vertx, Addresses.USER_SERVICE)
          .on(UserApi.REGISTER, accounts::register)
          .on(UserApi.LOGIN, accounts::login)
          .on(UserApi.REFRESH, accounts::refresh)
          .on(UserApi.LOGOUT, accounts::logout)
          .on(UserApi.PUBLIC_KEY, call -> Future.succeededFuture(new JsonObject().put("pem", keys.publicPem())))
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
          .on(BusEndpoint.HEALTH, call -> users.ping().compose(ok -> redis.ping(List.of())).map(new JsonObject()));
      return endpoint.start();
    });
  }

  @Override
  public Future<?> stop() {
    if (passwords != null) {
      passwords.close();
    }
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }
}
