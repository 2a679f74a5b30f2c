package chat.weiliao.chat;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.bus.BusEndpoint;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
    endpoint = new BusEndpoint(vertx, Addresses.CHAT_SERVICE)
        .on(ChatApi.CONVERSATIONS, call -> Future.succeededFuture(
            new JsonObject().put("conversations", new JsonArray())))
        .on(BusEndpoint.HEALTH, call -> mongo.runCommand("ping", new JsonObject().put("ping", 1))
            .map(new JsonObject()));
    return endpoint.start();
  }

  @Override
  public Future<?> stop() {
    return endpoint == null ? Future.succeededFuture() : endpoint.stop();
  }
}
