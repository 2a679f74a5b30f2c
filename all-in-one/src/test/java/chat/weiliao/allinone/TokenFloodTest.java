package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bogus tokens sent to make the gateway check signatures: a server of its own that allows five
 * failures per address and minute and one signature check waiting at a time. 127.0.0.1 is a trusted
 * proxy, so X-Forwarded-For gives each test its own client addresses.
 */
class TokenFloodTest {
  private static AllInOne system;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    system =
        TestSystem.startOwn(
            "token-flood",
            Map.of(
                "WEILIAO_TRUSTED_PROXIES", "127.0.0.1",
                "WEILIAO_TOKEN_FAILURES_PER_MINUTE", "5",
                "WEILIAO_TOKEN_CHECK_QUEUE", "1"));
    http = new Http(system.port());
  }

  @AfterAll
  static void stop() throws Exception {
    system.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void anAddressWhoseTokensKeepFailingIsRefusedBeforeAnyCheck() {
    Users.Account alice = Users.register(http);
    String forged = Tokens.tampered(alice.accessToken(), TestSystem.newPhone());
    for (int i = 0; i < 5; i++) {
      assertEquals(401, me(forged, "198.51.100.7").status());
    }
    long asked = System.nanoTime();
    Http.Response refused = me(alice.accessToken(), "198.51.100.7");
    long answeredAfterMillis = (System.nanoTime() - asked) / 1_000_000;
    assertEquals(
        429, refused.status(), "even a good token, once the address has failed five times");
    assertTrue(
        answeredAfterMillis >= 900,
        "refused a second late, not at once: " + answeredAfterMillis + " ms");
    assertEquals("RATE_LIMITED", refused.errorCode());
    assertNotNull(refused.header("Retry-After"));
    IOException handshake =
        assertThrows(
            IOException.class,
            () ->
                RawWebSocket.open(
                    system.port(), alice.accessToken(), 0, "X-Forwarded-For: 198.51.100.7\r\n"));
    assertTrue(handshake.getMessage().contains(" 429"), handshake.getMessage());
    assertEquals(
        200, me(alice.accessToken(), "198.51.100.8").status(), "other addresses are not affected");
  }

  @Test
  void signatureChecksBeyondTheQueueAreRefusedAsUnavailable() throws Exception {
    Users.Account alice = Users.register(http);
    ExecutorService clients = Executors.newFixedThreadPool(32);
    List<Future<Http.Response>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String forged = Tokens.tampered(alice.accessToken(), TestSystem.newPhone()); // never cached
      String address = "203.0.113." + (i % 200);
      answers.add(clients.submit(() -> me(forged, address)));
    }
    int unavailable = 0;
    for (Future<Http.Response> answer : answers) {
      Http.Response response = answer.get(60, TimeUnit.SECONDS);
      if (response.status() == 503) {
        assertEquals("UNAVAILABLE", response.errorCode());
        assertNotNull(response.header("Retry-After"));
        unavailable++;
      } else {
        assertEquals(401, response.status());
      }
    }
    clients.shutdown();
    assertTrue(
        unavailable > 0,
        "with one check allowed to wait, parallel forgeries are turned away unchecked");
  }

  private static Http.Response me(String token, String address) {
    return http.send(http.builder("/api/users/me", token).header("X-Forwarded-For", address).GET());
  }
}
