package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;

/**
 * S0, the ceiling: the same client, the same machine, against {@link EchoServer}. Each of N
 * connections sends frames shaped and sized like a message.send; the server writes each back.
 * Open-loop at each rate: echo latency and the echo rate achieved.
 */
final class Echo {
  private Echo() {}

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    int connections = options.integer("connections", 1000);
    Clients clients = new Clients(vertx, options);
    Step[] current = new Step[1];
    List<Socket> sockets =
        await(
            bounded(
                connections,
                200,
                i ->
                    clients.open(
                        i,
                        "echo",
                        (text, now) -> {
                          Step step = current[0];
                          if (step != null) {
                            step.onDelivery(Frames.leadingNumber(text, "text"), now);
                          }
                        })),
            600);
    System.out.printf("%d connections open%n", sockets.size());
    String padding = "x".repeat(options.integer("padding", 40));
    Report.Table table =
        report.table(
            "S0 echo ceiling (" + connections + " connections)",
            "offered msg/s",
            "echoed msg/s",
            "echo latency p50 / p95 / p99 / p99.9 / max ms",
            "sent",
            "echoed");
    for (int rate : options.integers("rates", "5000,10000,20000,40000,80000")) {
      Step step =
          new Step(
              rate,
              System.nanoTime(),
              options.integer("warmup", 5),
              options.integer("seconds", 20));
      current[0] = step;
      long total =
          OpenLoop.run(
              rate,
              step.windowEnd - System.nanoTime(),
              (index, intended) -> {
                step.sent.increment();
                sockets
                    .get((int) (index % connections))
                    .send(
                        "{\"type\":\"message.send\",\"id\":\"e"
                            + index
                            + "\",\"payload\":{\"conversationId\":\"d_100000000000001_100000000000002\",\"clientMsgId\":\"c"
                            + index
                            + "\",\"kind\":\"text\",\"content\":{\"text\":\""
                            + intended
                            + " "
                            + padding
                            + "\"}}}");
              });
      step.drain(total, 30);
      table.row(
          rate,
          String.format(Locale.ROOT, "%.0f", step.deliveredPerSecond()),
          Report.cell(step.delivery),
          total,
          step.delivered.sum());
      report.plot("s0-echo", rate + "/s", step.delivery);
      if (step.deliveredPerSecond() < 0.9 * rate || step.delivered.sum() < total) {
        System.out.println("echo rate fell below 90% of offered: the ceiling is reached");
        break;
      }
    }
    current[0] = null;
  }
}
