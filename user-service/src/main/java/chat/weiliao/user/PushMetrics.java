package chat.weiliao.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * Web Push counters, in the process's Vert.x registry (the gateway's /metrics in the all-in-one).
 */
final class PushMetrics {
  private final Counter sent;
  private final Counter failed;
  private final Counter dropped;
  private final Counter capped;

  PushMetrics() {
    MeterRegistry vertxRegistry = BackendRegistries.getDefaultNow();
    MeterRegistry registry = vertxRegistry == null ? new SimpleMeterRegistry() : vertxRegistry;
    sent =
        Counter.builder("weiliao_push_sent")
            .description("Pushes a push service accepted")
            .register(registry);
    failed =
        Counter.builder("weiliao_push_failed")
            .description("Pushes given up: refused, or still failing after the retries")
            .register(registry);
    dropped =
        Counter.builder("weiliao_push_subscriptions_dropped")
            .description("Subscriptions deleted because their push service answered 404 or 410")
            .register(registry);
    capped =
        Counter.builder("weiliao_push_capped")
            .description(
                "Pushes not sent because their user was over the per-minute cap or the queue was full")
            .register(registry);
  }

  void sent() {
    sent.increment();
  }

  void failed() {
    failed.increment();
  }

  void dropped() {
    dropped.increment();
  }

  void capped(int pushes) {
    capped.increment(pushes);
  }
}
