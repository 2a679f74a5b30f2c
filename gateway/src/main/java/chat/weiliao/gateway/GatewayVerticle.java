package chat.weiliao.gateway;

import chat.weiliao.common.Config;
import chat.weiliao.common.auth.JwtKeys;
import chat.weiliao.common.auth.TokenVerifier;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.MomentsApi;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.store.Stores;
import chat.weiliao.gateway.http.ApiRoutes;
import chat.weiliao.gateway.http.BusRoute;
import chat.weiliao.gateway.http.ClientAddress;
import chat.weiliao.gateway.http.Health;
import chat.weiliao.gateway.http.HttpAuth;
import chat.weiliao.gateway.http.HttpErrors;
import chat.weiliao.gateway.http.TokenGate;
import chat.weiliao.gateway.http.WebClientRoutes;
import chat.weiliao.gateway.ws.WebSocketEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway: HTTP API, health, metrics and the WebSocket endpoint. No business state. */
public class GatewayVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(GatewayVerticle.class);
  private final Config config;
  private HttpServer server;
  private WebSocketEndpoint webSockets;
  private HeldConnections held;

  public GatewayVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    UserApi users = new UserApi(vertx, config);
    ChatApi chat = new ChatApi(vertx, config);
    SignalingApi signaling = new SignalingApi(vertx, config);
    MomentsApi moments = new MomentsApi(vertx, config);
    RedisAPI redis = Stores.redis(vertx, config);
    ClientAddress clientAddress = new ClientAddress(config.list("WEILIAO_TRUSTED_PROXIES"));
    return publicKey(users)
        .compose(
            pem -> {
              TokenVerifier verifier =
                  new TokenVerifier(
                      vertx,
                      pem,
                      redis,
                      config.integer("WEILIAO_VERIFIED_TOKEN_CACHE", 50_000),
                      config.integer("WEILIAO_TOKEN_CHECK_THREADS", 2),
                      config.integer("WEILIAO_TOKEN_CHECK_QUEUE", 256));
              TokenGate tokens =
                  new TokenGate(
                      vertx, verifier, config.integer("WEILIAO_TOKEN_FAILURES_PER_MINUTE", 100));
              held = new HeldConnections(vertx);
              webSockets =
                  new WebSocketEndpoint(
                      vertx,
                      tokens,
                      users,
                      chat,
                      signaling,
                      redis,
                      clientAddress,
                      new GatewayMetrics(),
                      config);
              Router router = Router.router(vertx);
              router
                  .get("/health")
                  .handler(
                      Health.handler(vertx, redis, chat, List.of(users, chat, signaling, moments)));
              router.get("/metrics").handler(PrometheusScrapingHandler.create());
              ApiRoutes.mount(
                  router,
                  new BusRoute(clientAddress),
                  new HttpAuth(tokens, clientAddress),
                  users,
                  chat,
                  signaling,
                  moments);
              WebClientRoutes.mount(router);
              router.route().failureHandler(HttpErrors::handle);
              router.errorHandler(404, HttpErrors::handle);
              router.errorHandler(405, HttpErrors::handle);
              server =
                  vertx
                      .createHttpServer(
                          new HttpServerOptions()
                              .setMaxWebSocketFrameSize(WebSocketEndpoint.MAX_FRAME)
                              .setMaxWebSocketMessageSize(WebSocketEndpoint.MAX_FRAME)
                              // A peer that does not answer our close frame (say, one that stopped
                              // reading) is cut off.
                              .setWebSocketClosingTimeout(5)
                              // Frames are small JSON; an inflated frame escapes the 64 KiB limit
                              // (a 60 MB deflate bomb).
                              .setPerMessageWebSocketCompressionSupported(false)
                              .setPerFrameWebSocketCompressionSupported(false)
                              .setCompressionSupported(true))
                      .connectionHandler(this::holdIfRefused)
                      .webSocketHandshakeHandler(this::handshakeUnlessHeld)
                      .webSocketHandler(socket -> {})
                      .requestHandler(request -> routeUnlessHeld(router, request));
              return server.listen(config.httpPort(), config.httpHost());
            })
        .onSuccess(listening -> log.info("gateway listening on port {}", listening.actualPort()));
  }

  /** The port actually bound (useful when WEILIAO_HTTP_PORT is 0). */
  public int port() {
    return server.actualPort();
  }

  private void holdIfRefused(HttpConnection connection) {
    if (webSockets.refusesConnection(connection)) {
      held.hold(connection);
    }
  }

  private void handshakeUnlessHeld(ServerWebSocketHandshake handshake) {
    if (!held.isHeld(handshake.remoteAddress())) {
      webSockets.handshake(handshake);
    }
  }

  private void routeUnlessHeld(Router router, HttpServerRequest request) {
    if (!held.isHeld(request.remoteAddress())) {
      router.handle(request);
    }
  }

  /** From env when configured, else from user-service, retried while the cluster forms. */
  private Future<String> publicKey(UserApi users) {
    String configured = JwtKeys.pem(config, JwtKeys.PUBLIC_KEY);
    if (configured != null) {
      return Future.succeededFuture(configured);
    }
    Promise<String> key = Promise.promise();
    fetchKey(
        users,
        key,
        System.currentTimeMillis() + config.integer("WEILIAO_START_TIMEOUT_MS", 120_000));
    return key.future();
  }

  private void fetchKey(UserApi users, Promise<String> key, long deadline) {
    users
        .publicKey()
        .onSuccess(key::complete)
        .onFailure(
            failure -> {
              if (System.currentTimeMillis() > deadline) {
                key.fail("user-service did not provide the token key: " + failure.getMessage());
              } else {
                log.info("waiting for user-service to provide the token key");
                vertx.setTimer(500, t -> fetchKey(users, key, deadline));
              }
            });
  }

  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    webSockets.goingAway();
    return server.shutdown(10, TimeUnit.SECONDS);
  }
}
