package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Tokens never reach the server's logs, whatever happens to them: bad, expired, revoked or good.
 */
class LogSecrecyTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());
  private final Tokens tokens = new Tokens(system.dataDir);

  @Test
  void noTokenIsEverLogged() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    captured.start();
    root.addAppender(captured);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      Users.Account account = Users.register(http);
      String expired = tokens.expired(account.phone());
      String forged = Tokens.tampered(account.accessToken(), TestSystem.newPhone());
      for (String token : List.of(expired, forged, "not-a-token")) {
        http.get("/api/users/me", token);
        WsClient.connectFailure(system.port(), token);
      }
      try (WsClient socket = Friends.ready(system.port(), account.accessToken())) {
        socket.request("auth", new JsonObject().put("token", forged));
        socket.request("auth", new JsonObject().put("token", account.accessToken()));
      }
      http.post(
          "/api/auth/refresh",
          new JsonObject().put("refreshToken", account.refreshToken() + "x"),
          null);
      assertEquals(204, http.post("/api/auth/logout", null, account.accessToken()).status());
      http.get("/api/users/me", account.accessToken());
      WsClient.connectFailure(system.port(), account.accessToken());

      List<String> secrets =
          List.of(
              account.accessToken(),
              account.refreshToken(),
              expired,
              forged,
              account.accessToken().split("\\.")[2],
              account.refreshToken().split("\\.")[1]);
      for (ILoggingEvent event : captured.list) {
        String line =
            event.getFormattedMessage()
                + (event.getThrowableProxy() == null
                    ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
        for (String secret : secrets) {
          assertFalse(line.contains(secret), "a token or its signature reached the log: " + line);
        }
      }
    } finally {
      root.setLevel(level);
      root.detachAppender(captured);
    }
  }
}
