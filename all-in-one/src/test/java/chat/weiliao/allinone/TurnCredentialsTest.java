package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TURN credentials from /api/rtc/ice-servers are checked by a real TURN server: Debian's coturn
 * with use-auth-secret and the server's secret, on 127.0.0.1. coturn's own test client allocates a
 * relay and sends through it with the credentials; a wrong credential is refused.
 */
class TurnCredentialsTest {
  private static Process turnserver;
  private static int port;
  private static Path log;

  @BeforeAll
  static void startTurnServer() throws Exception {
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    int relayBase = 50_000 + (int) (ProcessHandle.current().pid() % 5000) * 2;
    log = Files.createTempFile("turnserver", ".log");
    turnserver =
        new ProcessBuilder(
                "turnserver",
                "-n",
                "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1",
                "--listening-port=" + port,
                "--use-auth-secret",
                "--static-auth-secret=" + TestSystem.TURN_SECRET,
                "--realm=weiliao",
                "--no-tls",
                "--no-dtls",
                "--no-cli",
                "--allow-loopback-peers",
                "--log-file=stdout",
                "--min-port=" + relayBase,
                "--max-port=" + (relayBase + 40))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!Files.readString(log).contains("Total General servers")
        && System.currentTimeMillis() < deadline) {
      assertTrue(turnserver.isAlive(), () -> "turnserver exited: " + read(log));
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stopTurnServer() {
    if (turnserver != null) {
      turnserver.destroyForcibly();
    }
  }

  @Test
  void anAllocationWithTheServersCredentialsSucceedsAndAWrongOneFails() throws Exception {
    TestSystem system = TestSystem.get();
    Http http = new Http(system.port());
    Users.Account alice = Users.register(http);
    JsonObject turn =
        http.get("/api/rtc/ice-servers", alice.accessToken())
            .json()
            .getJsonArray("iceServers")
            .getJsonObject(1);
    String username = turn.getString("username");

    Result good = uclient(username, turn.getString("credential"));
    assertEquals(0, good.exit, good.output);
    assertTrue(good.output.contains("tot_recv_msgs=2"), good.output);

    Result bad = uclient(username, "d3Jvbmcgc2VjcmV0IQ==");
    assertNotEquals(0, bad.exit, bad.output);
    assertTrue(bad.output.contains("Cannot complete Allocation"), bad.output);
  }

  private record Result(int exit, String output) {}

  private static Result uclient(String username, String credential) throws Exception {
    Path out = Files.createTempFile("uclient", ".log");
    Process client =
        new ProcessBuilder(
                List.of(
                    "turnutils_uclient",
                    "-u",
                    username,
                    "-w",
                    credential,
                    "-p",
                    Integer.toString(port),
                    "-n",
                    "1",
                    "-y",
                    "-c",
                    "127.0.0.1"))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!client.waitFor(30, TimeUnit.SECONDS)) {
      client.destroyForcibly();
      throw new AssertionError("turnutils_uclient hung: " + read(out));
    }
    return new Result(client.exitValue(), read(out));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
