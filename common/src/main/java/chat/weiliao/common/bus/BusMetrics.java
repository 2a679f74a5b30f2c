package chat.weiliao.common.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.TimeUnit;

/**
 * {@code weiliao_bus_request_seconds{service, action, outcome}}: how long each bus request took.
 */
final class BusMetrics {
  private BusMetrics() {}

  static void record(String address, String action, boolean succeeded, long nanos) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      return;
    }
    Timer.builder("weiliao_bus_request")
        .description("Event-bus requests to the services, by action")
        .tag("service", address)
        .tag("action", action)
        .tag("outcome", succeeded ? "ok" : "failed")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
