package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.UpgradeRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of its own that sets up one session at a time, as a gateway does in a reconnect storm:
 * upgraded sockets then wait their turn before they join their user's channel, which is when
 * per-user counts and logouts could miss them.
 */
class HandshakeRaceTest {
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    system =
        TestSystem.startOwn("handshake-race", Map.of("WEILIAO_SESSION_SETUP_CONCURRENCY", "1"));
    http = new Http(system.port());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void parallelHandshakesWithOneTokenOpenAtMostTen() throws Exception {
    String token = Users.register(http).accessToken();
    ExecutorService clients = Executors.newFixedThreadPool(30);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<WsClient>> attempts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      attempts.add(
          clients.submit(
              () -> {
                start.await();
                return WsClient.connect(system.port(), token);
              }));
    }
    start.countDown();
    List<WsClient> opened = new ArrayList<>();
    try {
      for (Future<WsClient> attempt : attempts) {
        try {
          opened.add(attempt.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException rejected) {
          assertEquals(
              429,
              assertInstanceOf(UpgradeRejectedException.class, rejected.getCause()).getStatus());
        }
      }
      assertTrue(opened.size() <= 10, "at most ten sockets for one user, got " + opened.size());
      assertFalse(opened.isEmpty());
    } finally {
      clients.shutdown();
      opened.forEach(WsClient::close);
    }
  }

  @Test
  void aLogoutWhileTheSocketWaitsForItsSetUpStillClosesIt() throws Exception {
    Users.Account alice = Users.register(http);
    List<String> others = new ArrayList<>();
    for (int user = 0; user < 8; user++) {
      others.add(Users.register(http).accessToken());
    }
    ExecutorService clients = Executors.newFixedThreadPool(40);
    List<Future<WsClient>> crowd = new ArrayList<>();
    try {
      for (int i = 0; i < 80; i++) {
        String token = others.get(i % others.size());
        crowd.add(clients.submit(() -> WsClient.connect(system.port(), token))); // set-ups queue up
      }
      try (WsClient late = WsClient.connect(system.port(), alice.accessToken())) {
        // Her token was good at the handshake; the logout is published before her socket listens.
        assertEquals(204, http.post("/api/auth/logout", null, alice.accessToken()).status());
        assertEquals(4001, late.awaitClose(30));
      }
    } finally {
      for (Future<WsClient> socket : crowd) {
        try {
          socket.get(30, TimeUnit.SECONDS).close();
        } catch (ExecutionException refused) {
          // over a user's cap of ten: not needed here
        }
      }
      clients.shutdown();
    }
  }
}
