package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.Config;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The all-in-one mode keeps its data, its Redis state and its signing key across a restart. */
class RestartTest {
  @Test
  void accountsMessagesAndTokensSurviveARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("weiliao-restart");
    Config config =
        Config.fromEnv(
            Map.of(
                "WEILIAO_HTTP_PORT",
                "0",
                "WEILIAO_HTTP_HOST",
                "127.0.0.1",
                "WEILIAO_DATA_DIR",
                dataDir.toString()));
    AllInOne first = AllInOne.start(config).await(60, TimeUnit.SECONDS);
    Http http = new Http(first.port());
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    JsonObject sent;
    try (WsClient socket = Friends.ready(first.port(), alice.accessToken())) {
      sent = Friends.send(socket, conversation, "kept across restarts");
    }
    first.stop().await(30, TimeUnit.SECONDS);

    AllInOne second = AllInOne.start(config).await(60, TimeUnit.SECONDS);
    try {
      Http again = new Http(second.port());
      assertEquals(
          200,
          again.get("/api/users/me", alice.accessToken()).status(),
          "the signing key was kept");
      assertEquals(
          200,
          again
              .post(
                  "/api/auth/refresh",
                  new JsonObject().put("refreshToken", alice.refreshToken()),
                  null)
              .status(),
          "the login's refresh state was kept (Redis append-only file)");
      JsonObject last =
          again
              .get("/api/conversations/" + conversation + "/messages", bob.accessToken())
              .json()
              .getJsonArray("messages")
              .getJsonObject(1);
      assertEquals(sent.getString("id"), last.getString("id"));
      assertEquals("kept across restarts", last.getJsonObject("content").getString("text"));
      assertEquals(bob.phone(), Users.login(again, bob.phone()).phone(), "passwords were kept");
    } finally {
      second.stop().await(30, TimeUnit.SECONDS);
    }
  }
}
