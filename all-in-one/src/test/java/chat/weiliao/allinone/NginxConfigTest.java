package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.allinone.topology.LocalNginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nginx -t} accepts docker/nginx.conf with either side of its includes: the local one the
 * topology tool writes, and compose's (docker/nginx-compose/). Compose's names only a container has
 * (the gateways' host names, the nginx user, /var/cache/nginx) are mapped onto this machine first;
 * everything else is checked as committed.
 */
class NginxConfigTest {
  private static final Path DOCKER = Path.of("..", "docker").toAbsolutePath().normalize();

  @Test
  void localVariantPasses(@TempDir Path dir) throws Exception {
    LocalNginx.write(DOCKER.resolve("nginx.conf"), dir, 1, "server 127.0.0.1:2 max_fails=0;\n");
    assertEquals("", nginxTest(dir.resolve("nginx.conf")));
  }

  @Test
  void composeVariantPasses(@TempDir Path dir) throws Exception {
    Files.copy(DOCKER.resolve("nginx.conf"), dir.resolve("nginx.conf"));
    Files.createDirectories(dir.resolve("cache"));
    Path includes = Files.createDirectories(dir.resolve("weiliao"));
    try (Stream<Path> files = Files.list(DOCKER.resolve("nginx-compose"))) {
      for (Path file : files.toList()) {
        String text =
            Files.readString(file)
                .replaceAll("gateway-[0-9]+:", "127.0.0.1:")
                .replace("user nginx;", "")
                .replace("/var/run/nginx.pid", dir.resolve("nginx.pid").toString())
                .replace("/var/cache/nginx", dir.resolve("cache").toString())
                .replace("listen 8080;", "listen 127.0.0.1:1;");
        Files.writeString(includes.resolve(file.getFileName()), text);
      }
    }
    assertEquals("", nginxTest(dir.resolve("nginx.conf")));
  }

  /** nginx -t's complaint, or "" when the config is accepted. */
  private static String nginxTest(Path config) throws Exception {
    String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    return run(new ProcessBuilder(nginx, "-q", "-t", "-e", "stderr", "-c", config.toString()));
  }

  /** The command's output when it fails, "" when it exits 0. */
  private static String run(ProcessBuilder command) throws IOException, InterruptedException {
    Process process = command.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return "timed out: " + List.copyOf(command.command());
    }
    return process.exitValue() == 0 ? "" : output;
  }
}
