package chat.weiliao.gateway;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import chat.weiliao.common.auth.JwtKeys;
import chat.weiliao.common.bus.ChatApi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * The real {@link GatewayVerticle} in this JVM, with a real Redis, its own signing key and one
 * valid token. The services behind it answer every request with an empty object, so that what a
 * test sees is the gateway's own behaviour: a frame that reaches a service gets an ack.
 */
final class InProcessGateway implements AutoCloseable {
  private static final String PHONE = "13800000000";
  private static final long DAY_SECONDS = 24 * 3600;
  final Vertx vertx = Vertx.vertx();
  private final RedisServer redis;
  final int port;
  final String token;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private long[] eventLoops = new long[0];

  InProcessGateway() throws IOException, GeneralSecurityException {
    int redisPort = freePort();
    redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
    redis.start();
    String[] keys = keyPair();
    token = sign(keys[0]);
    answerEveryRequest(Addresses.USER_SERVICE, Addresses.CHAT_SERVICE, Addresses.SIGNALING_SERVICE);
    GatewayVerticle gateway =
        new GatewayVerticle(
            Config.fromEnv(
                Map.of(
                    "WEILIAO_HTTP_PORT",
                    "0",
                    "WEILIAO_HTTP_HOST",
                    "127.0.0.1",
                    "WEILIAO_REDIS_URL",
                    "redis://127.0.0.1:" + redisPort,
                    JwtKeys.PUBLIC_KEY,
                    keys[1],
                    // Every input connects from 127.0.0.1 as one user, may send bogus tokens in
                    // "auth" frames,
                    // and may end before the server has counted the previous socket closed.
                    "WEILIAO_TOKEN_FAILURES_PER_MINUTE",
                    Integer.toString(Integer.MAX_VALUE),
                    "WEILIAO_MAX_CONNECTIONS_PER_USER",
                    "1000",
                    // ... and most of its inputs get that one user's socket closed for cause.
                    "WEILIAO_WS_CLOSES_FOR_CAUSE_PER_MINUTE",
                    Integer.toString(Integer.MAX_VALUE),
                    "WEILIAO_WS_CLOSES_FOR_CAUSE_PER_ADDRESS_PER_MINUTE",
                    Integer.toString(Integer.MAX_VALUE),
                    // ... and every input is a handshake of that user.
                    "WEILIAO_WS_HANDSHAKES_PER_USER_PER_MINUTE",
                    Integer.toString(Integer.MAX_VALUE))));
    vertx.deployVerticle(gateway).await();
    port = gateway.port();
  }

  /** Call once a connection has been served, when the event loops that serve sockets exist. */
  void findEventLoops() {
    eventLoops =
        Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
            .filter(
                info -> info != null && info.getThreadName().startsWith("vert.x-eventloop-thread"))
            .mapToLong(info -> info.getThreadId())
            .toArray();
  }

  /** Bytes the gateway's event loops have allocated so far (frames are read and handled there). */
  long eventLoopAllocatedBytes() {
    return Arrays.stream(threads.getThreadAllocatedBytes(eventLoops))
        .filter(bytes -> bytes > 0)
        .sum();
  }

  /** Every request answered with no fields, but a conversation list with its (empty) list. */
  private void answerEveryRequest(String... services) {
    for (String service : services) {
      vertx
          .eventBus()
          .<JsonObject>consumer(
              service,
              request ->
                  request.reply(
                      ChatApi.CONVERSATIONS
                              .name()
                              .equals(request.headers().get(Addresses.ACTION_HEADER))
                          ? new JsonObject()
                              .put("conversations", new JsonArray())
                              .put("hasMore", false)
                          : new JsonObject()));
    }
  }

  /** A P-256 pair as PEM: private, public. */
  private static String[] keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    return new String[] {
      pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
      pem("PUBLIC KEY", pair.getPublic().getEncoded())
    };
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A token valid for a day, so a long fuzzing run never sees it expire. */
  private String sign(String privatePem) {
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm(JwtKeys.ALGORITHM).setBuffer(privatePem)));
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims =
        new JsonObject()
            .put("sub", PHONE)
            .put("sid", UUID.randomUUID().toString())
            .put("jti", UUID.randomUUID().toString())
            .put("iss", JwtKeys.ISSUER)
            .put("iat", now)
            .put("exp", now + DAY_SECONDS);
    return signer.generateToken(
        claims, new JWTOptions().setAlgorithm(JwtKeys.ALGORITHM).setNoTimestamp(true));
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    vertx.close().await();
    redis.stop();
  }
}
