package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * S3: G groups of K members, the first O of each online with one socket (--online, default all).
 * Open-loop steps at fixed group message rates; message n goes to group n % G from one of its first
 * S members in turn (--senders, default all K), so --groups 1 --senders 20 is one hot group with 20
 * senders at once, and --online 20 leaves the other 80 members offline to measure the storing
 * rather than the fan-out. Each message reaches the O-1 other online members. Measures acked
 * (stored) msg/s, deliveries/s, send → each member and send → the last member, and counts
 * deliveries that arrive out of seq order.
 */
final class Groups {
  private Groups() {}

  static void run(Vertx vertx, Options options, Report report) throws Exception {
    int groups = options.integer("groups", 10);
    int size = options.integer("size", 100);
    int users = groups * size;
    int senders = Math.min(size, options.integer("senders", size));
    // Members with a socket: the first --online of each group (default all); senders are among
    // them.
    int online = Math.max(senders, Math.min(size, options.integer("online", size)));
    int receivers = online - 1;
    URI setupUrl = options.urls().get(0);
    Api api = new Api(vertx, setupUrl.getHost(), setupUrl.getPort());
    List<Api.Account> accounts =
        Users.register(api, Users.prefix(), users, options.integer("parallel", 32));
    await(
        bounded(
            groups * (size - 1),
            options.integer("parallel", 32),
            i -> {
              int group = i / (size - 1);
              return api.befriend(
                  accounts.get(group * size), accounts.get(group * size + 1 + i % (size - 1)));
            }),
        3600);
    String[] conversations = new String[groups];
    for (int g = 0; g < groups; g++) {
      conversations[g] =
          await(
              api.group(
                  accounts.get(g * size),
                  "bench " + g,
                  new ArrayList<>(accounts.subList(g * size + 1, (g + 1) * size))),
              120);
    }
    System.out.printf("%d groups of %d created%n", groups, size);
    Step[] current = new Step[1];
    Histogram toLast = Step.histogram();
    Map<Long, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    // Per member, the last seq it received; each socket's frames arrive on one thread, in order.
    long[] lastSeq = new long[groups * online];
    java.util.concurrent.atomic.LongAdder outOfOrder = new java.util.concurrent.atomic.LongAdder();
    Clients clients = new Clients(vertx, options);
    List<Socket> sockets =
        await(
            bounded(
                groups * online,
                200,
                i ->
                    clients.open(
                        i,
                        accounts.get(i / online * size + i % online).token(),
                        (text, now) -> {
                          Step step = current[0];
                          String type = Frames.type(text);
                          if (step != null && "ack".equals(type)) {
                            step.onAck(Long.parseLong(Frames.string(text, "id")), now);
                          } else if (step != null && "error".equals(type)) {
                            step.errors.increment();
                          }
                          if (step == null || !"message.new".equals(type)) {
                            return;
                          }
                          long seq = Frames.number(text, "seq");
                          if (seq <= lastSeq[i]) {
                            outOfOrder.increment();
                          }
                          lastSeq[i] = seq;
                          long intended = Frames.leadingNumber(text, "text");
                          step.onDelivery(intended, now);
                          AtomicInteger count =
                              arrivals.computeIfAbsent(intended, k -> new AtomicInteger());
                          if (count.incrementAndGet() == receivers) {
                            arrivals.remove(intended);
                            if (step.measured(intended)) {
                              toLast.recordValue(Math.min(now - intended, 120_000_000_000L));
                            }
                          }
                        })),
            3600);
    String padding = "x".repeat(options.integer("padding", 40));
    Report.Table table =
        report.table(
            "S3 groups ("
                + groups
                + " groups of "
                + size
                + ", "
                + online
                + " online and "
                + senders
                + " senders each)",
            "offered group msg/s",
            "acked msg/s",
            "offered deliveries/s",
            "achieved deliveries/s",
            "send → each member p50 / p95 / p99 / p99.9 / max ms",
            "send → last member p50 / p95 / p99 / p99.9 / max ms",
            "deliveries",
            "expected",
            "out of seq order",
            "errors",
            "server CPU cores / µs per message");
    long counter = 0;
    for (int rate : options.integers("rates", "20,50,100,200,500,1000")) {
      Step step =
          new Step(
              rate,
              System.nanoTime(),
              options.integer("warmup", 5),
              options.integer("seconds", 20));
      toLast.reset();
      arrivals.clear();
      current[0] = step;
      double cpuBefore = ServerProbe.cpuSeconds(options);
      long base = counter;
      long total =
          OpenLoop.run(
              rate,
              step.windowEnd - System.nanoTime(),
              (index, intended) -> {
                long n = base + index;
                int group = (int) (n % groups);
                int user = group * size + (int) ((n / groups) % senders);
                sockets
                    .get(group * online + user % size)
                    .send(
                        "{\"type\":\"message.send\",\"id\":\""
                            + intended
                            + "\",\"payload\":{\"conversationId\":\""
                            + conversations[user / size]
                            + "\",\"clientMsgId\":\"g"
                            + (base + index)
                            + "\",\"kind\":\"text\",\"content\":{\"text\":\""
                            + intended
                            + " "
                            + padding
                            + "\"}}}");
              });
      counter += total;
      step.drain(total * receivers, options.integer("drain", 60));
      String cpu =
          Report.cpu(
              ServerProbe.cpuSeconds(options) - cpuBefore,
              (System.nanoTime() - step.start) / 1e9,
              total);
      table.row(
          rate,
          String.format(Locale.ROOT, "%.0f", step.ackedPerSecond()),
          rate * receivers,
          String.format(Locale.ROOT, "%.0f", step.deliveredPerSecond()),
          Report.cell(step.delivery),
          Report.cell(toLast),
          step.delivered.sum(),
          total * receivers,
          outOfOrder.sum(),
          step.errors.sum(),
          cpu);
      report.plot("s3-send-to-each-member", rate + " msg/s", step.delivery);
      report.plot("s3-send-to-last-member", rate + " msg/s", toLast);
      if (step.deliveredPerSecond() < 0.9 * rate * receivers
          || step.delivered.sum() < total * receivers) {
        System.out.println("deliveries fell below 90% of offered: breaking point");
        break;
      }
    }
    current[0] = null;
  }
}
