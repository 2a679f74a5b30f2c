package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where the server may post pushes: WEILIAO_PUSH_ORIGINS, comma-separated {@code
 * scheme://host[:port]}; a host may start with {@code *.} to allow every subdomain (Edge's push
 * service has one per region, {@code *.notify.windows.com}). An endpoint is allowed when its parsed
 * origin matches an entry, never by string prefix ({@code https://fcm.googleapis.com.example} is
 * another host), so the server never posts to an address a user picks.
 */
final class PushOrigins {
  static final String SETTING = "WEILIAO_PUSH_ORIGINS";

  /** The public push services of Chrome, Firefox, Edge and Safari. */
  static final List<String> DEFAULTS =
      List.of(
          "https://fcm.googleapis.com",
          "https://updates.push.services.mozilla.com",
          "https://*.notify.windows.com",
          "https://web.push.apple.com");

  private record Allowed(String scheme, String host, boolean subdomains, int port) {
    boolean matches(URI endpoint) {
      String endpointHost = endpoint.getHost().toLowerCase(Locale.ROOT);
      boolean hostMatches =
          subdomains ? endpointHost.endsWith("." + host) : endpointHost.equals(host);
      return hostMatches
          && scheme.equals(endpoint.getScheme().toLowerCase(Locale.ROOT))
          && port == PushOrigins.port(endpoint);
    }
  }

  private final List<Allowed> allowed;

  PushOrigins(List<String> origins) {
    this.allowed = origins.stream().map(PushOrigins::parse).toList();
  }

  static PushOrigins from(Config config) {
    List<String> configured = config.list(SETTING);
    return new PushOrigins(configured.isEmpty() ? DEFAULTS : configured);
  }

  /** The endpoint's origin (the VAPID {@code aud}), or INVALID_ARGUMENT when it is not allowed. */
  String originOf(String endpoint) {
    URI uri = uri(endpoint);
    if (uri == null || allowed.stream().noneMatch(entry -> entry.matches(uri))) {
      throw ApiException.invalid("endpoint must be on an allowed push service (" + SETTING + ")");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == defaultPort(scheme);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  private static URI uri(String endpoint) {
    try {
      URI uri = new URI(endpoint);
      boolean web =
          "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      return web && uri.getHost() != null && uri.getRawUserInfo() == null ? uri : null;
    } catch (URISyntaxException malformed) {
      return null;
    }
  }

  private static Allowed parse(String origin) {
    URI uri = uri(origin.replace("://*.", "://wildcard."));
    String path = uri == null ? null : uri.getRawPath();
    if (uri == null
        || (path != null && !path.isEmpty() && !path.equals("/"))
        || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          SETTING + " takes scheme://host[:port] entries, got '" + origin + "'");
    }
    boolean subdomains = origin.contains("://*.");
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return new Allowed(
        uri.getScheme().toLowerCase(Locale.ROOT),
        subdomains ? host.substring("wildcard.".length()) : host,
        subdomains,
        port(uri));
  }

  private static int port(URI uri) {
    return uri.getPort() == -1
        ? defaultPort(uri.getScheme().toLowerCase(Locale.ROOT))
        : uri.getPort();
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : 80;
  }
}
