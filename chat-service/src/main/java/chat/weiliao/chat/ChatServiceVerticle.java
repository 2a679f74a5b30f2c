package chat.weiliao.chat;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.store.RateLimiter;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;

/** chat-service: conversations, messages, read state, groups, media. Answers {@link ChatApi}. */
public class ChatServiceVerticle extends VerticleBase {
  private final Config config;
  private BusEndpoint endpoint;

  public ChatServiceVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    MongoClient mongo = Stores.mongo(vertx, config);
    ConversationStore conversations = new ConversationStore(mongo);
    MessageStore messages = new MessageStore(mongo);
    Fanout fanout = new Fanout(vertx);
    // A stuck batch is given up a second before the gateway's request would time out, so its
    // senders hear UNAVAILABLE from us rather than a bus timeout.
    MessageWriter writer =
        new MessageWriter(
            vertx, conversations, messages, Math.max(1000, config.busTimeoutMillis() - 1000));
    MediaStore mediaStore = new MediaStore(mongo);
    UserApi users = new UserApi(vertx, config);
    MessageHandlers sending =
        new MessageHandlers(
            conversations,
            messages,
            writer,
            fanout,
            new SendLimit(config.integer("WEILIAO_CHAT_MAX_SENDS_IN_PROGRESS", 1000)),
            mediaStore,
            new PushRequests(users));
    ConversationHandlers chats = new ConversationHandlers(conversations, messages, sending, fanout);
    ConversationLists lists = new ConversationLists(conversations, users, messages);
    ConversationSettings settings = new ConversationSettings(conversations, lists, fanout);
    MediaHandlers media = new MediaHandlers(mediaStore);
    GroupStore groupStore = new GroupStore(mongo);
    GroupQuotas groupQuotas =
        new GroupQuotas(new RateLimiter(Stores.redis(vertx, config)), groupStore, config);
    GroupHandlers groups =
        new GroupHandlers(conversations, groupStore, sending, fanout, users, groupQuotas);
    endpoint =
        new BusEndpoint(vertx, Addresses.CHAT_SERVICE)
            .on(ChatApi.CONVERSATIONS, lists::list)
            .on(ChatApi.UPDATE_CONVERSATION, settings::update)
            .on(ChatApi.HISTORY, chats::history)
            .on(ChatApi.READ, chats::read)
            .on(ChatApi.TYPING, chats::typing)
            .on(ChatApi.SEND, sending::send)
            .on(ChatApi.RECALL, sending::recall)
            .on(ChatApi.CALL_RECORD, sending::callRecord)
            .on(ChatApi.OPEN_DIRECT, chats::openDirect)
            .on(ChatApi.CLOSE_DIRECT, chats::closeDirect)
            .on(ChatApi.CREATE_GROUP, groups::create)
            .on(ChatApi.GET_GROUP, groups::get)
            .on(ChatApi.UPDATE_GROUP, groups::update)
            .on(ChatApi.ADD_MEMBERS, groups::addMembers)
            .on(ChatApi.REMOVE_MEMBER, groups::removeMember)
            .on(ChatApi.CO_MEMBERS, groups::coMembers)
            .on(ChatApi.MEDIA_BEGIN, media::begin)
            .on(ChatApi.MEDIA_CHUNK, media::chunk)
            .on(ChatApi.MEDIA_FINISH, media::finish)
            .on(ChatApi.MEDIA_ABORT, media::abort)
            .on(ChatApi.MEDIA_INFO, media::info)
            .on(ChatApi.MEDIA_READ, media::read)
            .health(() -> Stores.ping(mongo))
            .on(ChatApi.MONGO_HEALTH, (call, nothing) -> Stores.ping(mongo).map(Answer.empty()));
    return conversations
        .createIndexes()
        .compose(done -> groupStore.createIndexes())
        .compose(done -> messages.createIndexes())
        .compose(done -> mediaStore.createIndexes())
        .compose(done -> endpoint.start());
  }

  @Override
  public Future<?> stop() {
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }
}
