package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Operator injection, deep or huge documents, foreign origins and connection floods are refused.
 */
class HostileInputTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void operatorKeysAreRefusedInBodiesAndFrames() {
    Users.Account alice = Users.register(http);
    for (JsonObject body :
        new JsonObject[] {
          new JsonObject().put("signature", "x").put("$set", new JsonObject().put("phone", "1")),
          new JsonObject().put("nickname", new JsonObject().put("$gt", "")),
          new JsonObject().put("a.b", 1)
        }) {
      Http.Response response = http.patch("/api/users/me", body, alice.accessToken());
      assertEquals(400, response.status(), body.encode());
      assertEquals("INVALID_ARGUMENT", response.errorCode());
    }
    Http.Response login =
        http.post(
            "/api/auth/login",
            new JsonObject()
                .put("phone", new JsonObject().put("$ne", null))
                .put("password", new JsonObject().put("$ne", null)),
            null);
    assertEquals(400, login.status());
    try (WsClient socket = Friends.ready(system.port(), alice.accessToken())) {
      JsonObject injected =
          socket.request(
              "history",
              new JsonObject().put("conversationId", new JsonObject().put("$regex", ".*")));
      assertEquals("INVALID_ARGUMENT", Friends.errorCode(injected));
      JsonObject where =
          socket.request("message.send", Friends.text("d_1_2", "x").put("$where", "sleep(1000)"));
      assertEquals("INVALID_ARGUMENT", Friends.errorCode(where));
    }
  }

  @Test
  void deepNestingAndHugeArraysAreRefusedCheaply() {
    Users.Account alice = Users.register(http);
    JsonObject deep = new JsonObject().put("leaf", 1);
    for (int i = 0; i < 20; i++) {
      deep = new JsonObject().put("n", deep);
    }
    assertEquals(
        400,
        http.patch(
                "/api/users/me",
                new JsonObject().put("signature", "s").put("x", deep),
                alice.accessToken())
            .status());
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add("1380000" + i);
    }
    Http.Response huge =
        http.post(
            "/api/groups",
            new JsonObject().put("name", "big").put("members", new JsonArray(many)),
            alice.accessToken());
    assertEquals(400, huge.status());
    assertEquals("INVALID_ARGUMENT", huge.errorCode());
  }

  @Test
  void aForeignOriginCannotOpenAWebSocket() {
    Users.Account alice = Users.register(http);
    Throwable foreign =
        WsClient.connectFailure(system.port(), alice.accessToken(), "https://evil.example");
    assertEquals(403, assertInstanceOf(UpgradeRejectedException.class, foreign).getStatus());
    assertNull(
        WsClient.connectFailure(
            system.port(), alice.accessToken(), "http://127.0.0.1:" + system.port()));
  }

  @Test
  void oneUserHoldsAtMostTenSockets() {
    Users.Account alice = Users.register(http);
    List<WsClient> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        sockets.add(Friends.ready(system.port(), alice.accessToken()));
      }
      Throwable eleventh = WsClient.connectFailure(system.port(), alice.accessToken());
      assertEquals(429, assertInstanceOf(UpgradeRejectedException.class, eleventh).getStatus());
      sockets.remove(0).close();
      sockets.get(0).request("ping", new JsonObject());
      long deadline = System.currentTimeMillis() + 5000;
      Throwable again = WsClient.connectFailure(system.port(), alice.accessToken());
      while (again != null && System.currentTimeMillis() < deadline) {
        again = WsClient.connectFailure(system.port(), alice.accessToken());
      }
      assertNull(again, "a closed socket frees its place");
    } finally {
      sockets.forEach(WsClient::close);
    }
  }

  @Test
  void callInvitesAreCappedPerMinute() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Friends.make(http, alice, bob);
    try (WsClient a = Friends.ready(system.port(), alice.accessToken())) {
      String last = null;
      for (int i = 0; i < 11; i++) {
        last =
            Friends.errorCode(
                a.request(
                    "invite-offer", new JsonObject().put("to", bob.phone()).put("media", "audio")));
      }
      assertEquals(
          "RATE_LIMITED",
          last,
          "bob is offline, so the first ten are OFFLINE; the eleventh is capped");
    }
  }
}
