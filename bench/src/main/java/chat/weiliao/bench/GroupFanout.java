package chat.weiliao.bench;

import static chat.weiliao.bench.Async.await;
import static chat.weiliao.bench.Async.bounded;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * One group of N members, all online (one socket each): the owner sends messages one at a time; for
 * each, the time from send to its arrival at every other member, and to the last of them.
 */
final class GroupFanout {
  private GroupFanout() {}

  static void run(Vertx vertx, String host, int port, int members, int online, int messages)
      throws Exception {
    Api api = new Api(vertx, host, port);
    String prefix = "19" + String.format("%06d", System.currentTimeMillis() / 1000 % 1_000_000);
    System.out.printf("setting up %d users...%n", members);
    List<Api.Account> accounts =
        await(bounded(members, 16, i -> api.register(prefix + String.format("%04d", i))), 600);
    Api.Account owner = accounts.get(0);
    List<Api.Account> others = accounts.subList(1, accounts.size());
    await(bounded(others.size(), 16, i -> api.befriend(owner, others.get(i))), 600);
    String conversation = await(api.group(owner, "fanout", others), 60);
    for (String path : new String[] {"/api/contacts", "/api/conversations"}) {
      long start = System.nanoTime();
      await(api.get(path, owner.token()), 60);
      System.out.printf("owner's %s took %d ms%n", path, (System.nanoTime() - start) / 1_000_000);
    }

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    Histogram perDelivery = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    Histogram toLast = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(members + 10)
                .setMaxFrameSize(16 * 1024 * 1024)
                .setMaxMessageSize(16 * 1024 * 1024));
    System.out.printf("opening %d sockets...%n", online);
    List<Socket> sockets =
        await(
            bounded(
                online,
                50,
                i ->
                    Socket.open(
                        client,
                        host,
                        port,
                        accounts.get(i).token(),
                        (frame, now) -> {
                          if (!"message.new".equals(frame.getString("type"))) {
                            return;
                          }
                          String text =
                              frame
                                  .getJsonObject("payload")
                                  .getJsonObject("message")
                                  .getJsonObject("content")
                                  .getString("text");
                          Long start = sentAt.get(text);
                          if (start == null) {
                            return;
                          }
                          synchronized (perDelivery) {
                            perDelivery.recordValue(now - start);
                            if (arrivals.get(text).incrementAndGet() == online - 1) {
                              toLast.recordValue(now - start);
                            }
                          }
                        })),
            300);
    Socket ownerSocket = sockets.get(0);
    for (int i = 0; i < messages + 5; i++) {
      String text = "fanout " + i;
      arrivals.put(text, new AtomicInteger());
      sentAt.put(text, System.nanoTime());
      if (i == 5) {
        perDelivery.reset();
        toLast.reset();
      }
      ownerSocket.send(
          new JsonObject()
              .put("type", "message.send")
              .put("id", "f" + i)
              .put(
                  "payload",
                  new JsonObject()
                      .put("conversationId", conversation)
                      .put("clientMsgId", prefix + "-" + i)
                      .put("kind", "text")
                      .put("content", new JsonObject().put("text", text))));
      long deadline = System.currentTimeMillis() + 30_000;
      while (arrivals.get(text).get() < online - 1 && System.currentTimeMillis() < deadline) {
        Thread.sleep(1);
      }
    }
    System.out.printf(
        "group of %d members, %d online with one socket each, %d measured messages (5 warm-up)%n",
        members, online, messages);
    Report.print("send -> each member", perDelivery);
    Report.print("send -> last member", toLast);
    System.out.printf(
        "deliveries measured: %d (expected %d)%n",
        perDelivery.getTotalCount(), (long) messages * (online - 1));
  }
}
