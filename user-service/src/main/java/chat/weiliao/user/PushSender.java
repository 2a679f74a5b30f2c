package chat.weiliao.user;

import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts pushes to push services (RFC 8030) through the Vert.x WebClient. Each user has a lane:
 * their pushes go one at a time, in order, so a retried older push never lands after a newer one of
 * the same topic. A push is encrypted once (on a worker), then posted; 429, 5xx and network
 * failures are tried again after 1, 2 and 4 times WEILIAO_PUSH_RETRY_MS; 404 and 410 delete the
 * subscription. A user gets at most WEILIAO_PUSH_PER_USER_PER_MINUTE notifications a minute
 * (counted in Redis, so across instances), and at most {@link #MAX_QUEUED} pushes wait in all.
 * Event-loop confined.
 */
final class PushSender {
  private static final Logger log = LoggerFactory.getLogger(PushSender.class);
  static final int MAX_RETRIES = 3;
  static final int MAX_QUEUED = 10_000;
  private static final int TTL_SECONDS = 86_400;

  /** One notification to one subscription; {@code topic} is already safe for the header. */
  record Push(PushSubscriptions.Subscription subscription, JsonObject payload, String topic) {}

  private final Vertx vertx;
  private final WebClient client;
  private final VapidTokens vapid;
  private final PushSubscriptions subscriptions;
  private final RateLimiter limits;
  private final PushMetrics metrics;
  private final int perUserPerMinute;
  private final long retryMillis;
  private final Map<String, Deque<Push>> lanes = new HashMap<>();
  private int queued;

  PushSender(
      Vertx vertx,
      VapidTokens vapid,
      PushSubscriptions subscriptions,
      RateLimiter limits,
      PushMetrics metrics,
      int perUserPerMinute,
      long retryMillis) {
    this.vertx = vertx;
    // No redirects: a push service's answer must not send the server to another address.
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout(10_000)
                .setIdleTimeout(60));
    this.vapid = vapid;
    this.subscriptions = subscriptions;
    this.limits = limits;
    this.metrics = metrics;
    this.perUserPerMinute = perUserPerMinute;
    this.retryMillis = retryMillis;
  }

  /**
   * One notification to every subscription of a user: counts once against their cap. Completes once
   * the pushes are queued (or dropped over the cap), so callers that notify one after another queue
   * them in that order.
   */
  Future<Void> notify(String phone, List<Push> pushes) {
    if (pushes.isEmpty()) {
      return Future.succeededFuture();
    }
    return limits
        .hit("rl:push:" + phone, perUserPerMinute, 60, "over the push cap")
        .map(
            allowed -> {
              enqueue(phone, pushes);
              return (Void) null;
            })
        .recover(
            over -> {
              metrics.capped(pushes.size());
              return Future.succeededFuture();
            });
  }

  private void enqueue(String phone, List<Push> pushes) {
    if (queued + pushes.size() > MAX_QUEUED) {
      metrics.capped(pushes.size());
      return;
    }
    queued += pushes.size();
    Deque<Push> lane = lanes.get(phone);
    if (lane != null) {
      lane.addAll(pushes); // the lane is running and will reach them
      return;
    }
    lanes.put(phone, new ArrayDeque<>(pushes));
    runLane(phone);
  }

  private void runLane(String phone) {
    Deque<Push> lane = lanes.get(phone);
    Push next = lane.poll();
    if (next == null) {
      lanes.remove(phone);
      return;
    }
    deliver(next)
        .onComplete(
            done -> {
              queued--;
              runLane(phone);
            });
  }

  private Future<Void> deliver(Push push) {
    return vertx
        .executeBlocking(() -> encrypt(push), false)
        .compose(body -> post(push, Buffer.buffer(body), 0))
        .onFailure(
            failure -> {
              metrics.failed();
              log.warn(
                  "push to {} given up: {}", push.subscription().origin(), failure.getMessage());
            })
        .otherwiseEmpty();
  }

  private static byte[] encrypt(Push push) throws Exception {
    Base64.Decoder base64url = Base64.getUrlDecoder();
    return PushEncryption.encrypt(
        push.payload().encode().getBytes(StandardCharsets.UTF_8),
        base64url.decode(push.subscription().p256dh()),
        base64url.decode(push.subscription().auth()));
  }

  private Future<Void> post(Push push, Buffer body, int retries) {
    PushSubscriptions.Subscription subscription = push.subscription();
    return client
        .postAbs(subscription.endpoint())
        .putHeader("TTL", Integer.toString(TTL_SECONDS))
        .putHeader("Urgency", "high")
        .putHeader("Topic", push.topic())
        .putHeader("Content-Encoding", "aes128gcm")
        .putHeader("Content-Type", "application/octet-stream")
        .putHeader("Authorization", vapid.authorization(subscription.origin()))
        .timeout(10_000)
        .sendBuffer(body)
        .compose(response -> answered(push, response), failure -> Future.succeededFuture(null))
        .compose(
            settled ->
                settled != null ? Future.<Void>succeededFuture() : retry(push, body, retries));
  }

  /**
   * What the push service's answer means: a non-null result is final (sent, gone, refused); null
   * asks for a retry (429, 5xx; a network failure arrives here as null too).
   */
  private Future<Boolean> answered(Push push, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      metrics.sent();
      return Future.succeededFuture(true);
    }
    if (status == 404 || status == 410) {
      metrics.dropped();
      return subscriptions.drop(push.subscription().endpoint()).map(true);
    }
    if (status == 429 || status >= 500) {
      return Future.succeededFuture(null);
    }
    return Future.failedFuture("refused with " + status);
  }

  private Future<Void> retry(Push push, Buffer body, int retries) {
    if (retries >= MAX_RETRIES) {
      return Future.failedFuture("still failing after " + MAX_RETRIES + " retries");
    }
    return vertx.timer(retryMillis << retries).compose(tick -> post(push, body, retries + 1));
  }

  void close() {
    client.close();
  }
}
