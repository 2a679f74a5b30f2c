package chat.weiliao.allinone;

import chat.weiliao.allinone.topology.LocalNginx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx with the project's own config (docker/nginx.conf, with the local includes the
 * topology tool writes) in front of the given gateway ports, as a child process on a free port.
 */
final class FrontNginx implements AutoCloseable {
  private static final Path NGINX_CONF =
      Path.of("..", "docker", "nginx.conf").toAbsolutePath().normalize();
  final int port;
  private final Process process;

  private FrontNginx(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static FrontNginx start(int... gatewayPorts) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory("weiliao-nginx-it");
    int port = freePort();
    LocalNginx.write(
        NGINX_CONF,
        runDir,
        port,
        Arrays.stream(gatewayPorts)
            .mapToObj(gateway -> "server 127.0.0.1:" + gateway + " max_fails=0;\n")
            .collect(Collectors.joining()));
    Path config = runDir.resolve("nginx.conf");
    String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    Process process =
        new ProcessBuilder(
                List.of(nginx, "-e", "stderr", "-c", config.toString(), "-g", "daemon off;"))
            .redirectErrorStream(true)
            .redirectOutput(runDir.resolve("nginx.out").toFile())
            .start();
    FrontNginx front = new FrontNginx(port, process);
    front.awaitListening();
    return front;
  }

  private void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not start listening on " + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
