package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx for a local run: docker/nginx.conf as it is (the file compose mounts), beside it
 * weiliao/*.conf: compose's gateways.conf with {@link LocalPorts} applied, the listen port
 * compose's listen.conf names (mapped the same way), and a main.conf (user, pid) and paths.conf
 * (temp and cache directories) of this run's own.
 */
public final class LocalNginx {
  private static final Pattern LISTEN = Pattern.compile("(?m)^listen (\\d+);");

  private LocalNginx() {}

  /** Writes {@code dir}/nginx.conf and {@code dir}/weiliao/*.conf for the plan's nginx service. */
  static void write(LocalPlan plan, String service, Path dir) throws IOException {
    Path composeIncludes = plan.volumeSource(service, "/etc/nginx/weiliao");
    String listen = Files.readString(composeIncludes.resolve("listen.conf"));
    Matcher matcher = LISTEN.matcher(listen);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          composeIncludes.resolve("listen.conf") + " has no 'listen PORT;' line");
    }
    write(
        plan.volumeSource(service, "/etc/nginx/nginx.conf"),
        dir,
        plan.ports().port(service, Integer.parseInt(matcher.group(1))),
        plan.ports().addresses(Files.readString(composeIncludes.resolve("gateways.conf"))));
  }

  /**
   * Writes {@code dir}/nginx.conf (a copy of {@code nginxConf}) and its local includes: nginx on
   * 127.0.0.1:{@code listenPort} in front of {@code gateways} (the upstream block's server lines).
   */
  public static void write(Path nginxConf, Path dir, int listenPort, String gateways)
      throws IOException {
    Path includes = Files.createDirectories(dir.resolve("weiliao"));
    Path temp = Files.createDirectories(dir.resolve("temp"));
    Files.copy(nginxConf, dir.resolve("nginx.conf"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(includes.resolve("gateways.conf"), gateways);
    Files.writeString(includes.resolve("listen.conf"), "listen 127.0.0.1:" + listenPort + ";\n");
    Files.writeString(
        includes.resolve("main.conf"),
        "# Written by the local topology tool.\n"
            + workerUser(dir)
            + "pid "
            + dir.resolve("nginx.pid")
            + ";\n");
    StringBuilder paths = new StringBuilder("# Written by the local topology tool.\n");
    for (String kind : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      paths.append(kind).append("_temp_path ").append(temp.resolve(kind + "_temp")).append(";\n");
    }
    paths
        .append("proxy_cache_path ")
        .append(temp.resolve("health_cache"))
        .append(
            " levels=1 keys_zone=weiliao_health:1m max_size=1m inactive=10s use_temp_path=off;\n");
    Files.writeString(includes.resolve("paths.conf"), paths);
  }

  /** As root, workers run as nobody when they can reach the run directory, else as root. */
  private static String workerUser(Path dir) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "";
    }
    for (Path step = dir.toAbsolutePath(); step != null; step = step.getParent()) {
      if (Files.exists(step)
          && !Files.getPosixFilePermissions(step).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return "user root;  # " + step + " is not searchable by nobody (local use only)\n";
      }
    }
    return "user nobody nogroup;\n";
  }
}
