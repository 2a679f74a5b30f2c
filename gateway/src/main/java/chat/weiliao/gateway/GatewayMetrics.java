package chat.weiliao.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.function.Supplier;

/** The gateway's own meters, exported at /metrics beside Vert.x's HTTP and event-bus meters. */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Counter framesIn;
  private final Counter slowConsumersDropped;

  public GatewayMetrics() {
    MeterRegistry vertxRegistry = BackendRegistries.getDefaultNow();
    this.registry = vertxRegistry == null ? new SimpleMeterRegistry() : vertxRegistry;
    this.framesIn =
        Counter.builder("weiliao_ws_frames_received")
            .description("WebSocket frames received from clients")
            .register(registry);
    this.slowConsumersDropped =
        Counter.builder("weiliao_ws_slow_consumers_dropped")
            .description(
                "Sockets closed because the client did not read its backlog down (WEILIAO_WS_MAX_BUFFER)")
            .register(registry);
  }

  public void connectionsGauge(Supplier<Number> connections) {
    Gauge.builder("weiliao_ws_connections", connections)
        .description("Open client WebSocket connections on this gateway")
        .register(registry);
  }

  public void frameIn() {
    framesIn.increment();
  }

  public void slowConsumerDropped() {
    slowConsumersDropped.increment();
  }
}
