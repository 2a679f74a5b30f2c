package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebSocketTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());
  private final Tokens tokens = new Tokens(system.dataDir);

  @Test
  void sessionReadyComesFirstAndFramesSentAtOnceAreProcessed() {
    Users.Account account = Users.register(http);
    try (WsClient socket = WsClient.connect(system.port(), account.accessToken())) {
      for (int i = 0; i < 5; i++) {
        socket.send(new JsonObject().put("type", "ping").put("id", "p" + i));
      }
      JsonObject ready = socket.next();
      assertEquals("session.ready", ready.getString("type"));
      JsonObject payload = ready.getJsonObject("payload");
      assertEquals(account.phone(), payload.getJsonObject("user").getString("phone"));
      assertTrue(payload.getLong("serverTime") > 0);
      assertEquals(0, payload.getJsonArray("conversations").size());
      for (int i = 0; i < 5; i++) {
        JsonObject pong = socket.next();
        assertEquals("pong", pong.getString("type"));
        assertEquals("p" + i, pong.getString("id"));
        assertTrue(pong.getJsonObject("payload").getLong("serverTime") > 0);
      }
    }
  }

  @Test
  void badFramesGetErrorsAndTheConnectionStaysOpen() {
    try (WsClient socket = ready(Users.register(http).accessToken())) {
      socket.sendText("{not json");
      assertError(socket.next(), null, "INVALID_ARGUMENT");
      socket.sendText("[1,2,3]");
      assertError(socket.next(), null, "INVALID_ARGUMENT");
      socket.send(new JsonObject().put("type", "no.such.type").put("id", "a"));
      assertError(socket.next(), "a", "INVALID_ARGUMENT");
      socket.send(new JsonObject().put("type", 5).put("id", "b"));
      assertError(socket.next(), "b", "INVALID_ARGUMENT");
      socket.send(new JsonObject().put("type", "ping").put("id", "x".repeat(65)));
      assertError(socket.next(), null, "INVALID_ARGUMENT");
      socket.send(new JsonObject().put("type", "ping").put("id", "c").put("payload", "oops"));
      assertError(socket.next(), "c", "INVALID_ARGUMENT");
      socket.send(
          new JsonObject().put("type", "auth").put("id", "d").put("payload", new JsonObject()));
      assertError(socket.next(), "d", "INVALID_ARGUMENT");
      JsonObject pong = socket.request("ping", new JsonObject());
      assertEquals("pong", pong.getString("type"));
      assertFalse(socket.isClosed());
    }
  }

  @Test
  void aFrameOver64KiBClosesWith1009() {
    try (WsClient socket = ready(Users.register(http).accessToken())) {
      socket.send(
          new JsonObject()
              .put("type", "ping")
              .put("payload", new JsonObject().put("x", "y".repeat(70_000))));
      assertEquals(1009, socket.awaitClose(5));
    }
  }

  @Test
  void aFrameJustUnder64KiBIsFine() {
    try (WsClient socket = ready(Users.register(http).accessToken())) {
      String filler = "y".repeat(64 * 1024 - 100);
      socket.send(
          new JsonObject()
              .put("type", "ping")
              .put("id", "big")
              .put("payload", new JsonObject().put("x", filler)));
      assertEquals("pong", socket.next().getString("type"));
    }
  }

  @Test
  void textThatIsNotUtf8ClosesWith1007() throws Exception {
    Users.Account account = Users.register(http);
    try (RawWebSocket raw = RawWebSocket.open(system.port(), account.accessToken(), 0)) {
      raw.sendFrame(1, new byte[] {'{', '"', 't', '"', ':', (byte) 0xC3, (byte) 0x28, '}'});
      assertEquals(1007, raw.readUntilClose());
    }
  }

  @Test
  void aMessageOver64KiBInSmallFramesClosesWith1009() throws Exception {
    Users.Account account = Users.register(http);
    try (RawWebSocket raw = RawWebSocket.open(system.port(), account.accessToken(), 0)) {
      byte[] piece = new byte[16 * 1024];
      java.util.Arrays.fill(piece, (byte) 'x');
      raw.sendFrame(1, piece, false);
      for (int i = 0; i < 4; i++) {
        raw.sendFrame(0, piece, false);
      }
      raw.sendFrame(0, piece, true);
      assertEquals(1009, raw.readUntilClose());
    }
  }

  @Test
  void aBinaryFrameClosesWith1003() {
    try (WsClient socket = ready(Users.register(http).accessToken())) {
      socket.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, socket.awaitClose(5));
    }
  }

  @Test
  void moreThan100FramesASecondAreRefused() {
    try (WsClient socket = ready(Users.register(http).accessToken())) {
      for (int i = 0; i < 150; i++) {
        socket.send(new JsonObject().put("type", "ping"));
      }
      JsonObject refused = socket.await(frame -> "error".equals(frame.getString("type")));
      assertEquals("RATE_LIMITED", refused.getJsonObject("payload").getString("code"));
      assertFalse(socket.isClosed());
    }
  }

  @Test
  void aFloodKeptUpFor10SecondsClosesWith1008() throws InterruptedException {
    try (WsClient socket = ready(Users.register(http).accessToken())) {
      long until = System.currentTimeMillis() + 13_000;
      while (!socket.isClosed() && System.currentTimeMillis() < until) {
        for (int i = 0; i < 150; i++) {
          socket.send(new JsonObject().put("type", "ping"));
        }
        Thread.sleep(250);
      }
      assertEquals(1008, socket.awaitClose(3));
    }
  }

  @Test
  void inBandAuthExtendsTheConnectionForTheSameUserOnly() {
    Users.Account account = Users.register(http);
    Users.Account other = Users.register(http);
    try (WsClient socket = ready(account.accessToken())) {
      String fresh = Users.login(http, account.phone()).accessToken();
      JsonObject ack = socket.request("auth", new JsonObject().put("token", fresh));
      assertEquals("ack", ack.getString("type"));
      assertTrue(ack.getJsonObject("payload").getLong("expiresAt") > System.currentTimeMillis());
      JsonObject foreign =
          socket.request("auth", new JsonObject().put("token", other.accessToken()));
      assertError(foreign, foreign.getString("id"), "UNAUTHENTICATED");
      JsonObject garbage = socket.request("auth", new JsonObject().put("token", "garbage"));
      assertError(garbage, garbage.getString("id"), "UNAUTHENTICATED");
      assertFalse(socket.isClosed());
    }
  }

  @Test
  void anExpiredTokenClosesTheSocketWith4001() {
    Users.Account account = Users.register(http);
    String shortLived =
        tokens.signed(
            Tokens.claims(account.phone()).put("exp", System.currentTimeMillis() / 1000 + 2));
    try (WsClient socket = ready(shortLived)) {
      assertEquals(4001, socket.awaitClose(5));
    }
  }

  @Test
  void aRefreshedTokenKeepsTheSocketOpenPastTheOldExpiry() {
    Users.Account account = Users.register(http);
    String shortLived =
        tokens.signed(
            Tokens.claims(account.phone()).put("exp", System.currentTimeMillis() / 1000 + 2));
    try (WsClient socket = ready(shortLived)) {
      assertEquals(
          "ack",
          socket
              .request("auth", new JsonObject().put("token", account.accessToken()))
              .getString("type"));
      assertThrows(AssertionError.class, () -> socket.awaitClose(4));
      assertEquals("pong", socket.request("ping", new JsonObject()).getString("type"));
    }
  }

  @Test
  void logoutClosesEverySocketOfThatLoginWithin2Seconds() {
    Users.Account account = Users.register(http);
    Users.Account secondLogin = Users.login(http, account.phone());
    try (WsClient first = ready(account.accessToken());
        WsClient second = ready(account.accessToken());
        WsClient otherLogin = ready(secondLogin.accessToken())) {
      assertEquals(204, http.post("/api/auth/logout", null, account.accessToken()).status());
      assertEquals(4001, first.awaitClose(2));
      assertEquals(4001, second.awaitClose(2));
      assertEquals("pong", otherLogin.request("ping", new JsonObject()).getString("type"));
      assertNull(WsClient.connectFailure(system.port(), secondLogin.accessToken()));
    }
  }

  private WsClient ready(String token) {
    WsClient socket = WsClient.connect(system.port(), token);
    assertEquals("session.ready", socket.next().getString("type"));
    return socket;
  }

  private static void assertError(JsonObject frame, String id, String code) {
    assertEquals("error", frame.getString("type"), frame.encode());
    assertEquals(id, frame.getString("id"), frame.encode());
    assertEquals(code, frame.getJsonObject("payload").getString("code"), frame.encode());
  }
}
