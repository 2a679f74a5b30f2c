package chat.weiliao.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web client, served from {@code webroot/} on the classpath (the web module's build). Vite's
 * hashed assets are cached for a year; index.html is revalidated on every load, and any other
 * client route falls back to it so a reload on a deep link works. Every page carries a
 * Content-Security-Policy that allows only our own scripts and connections.
 */
public final class WebClientRoutes {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
          + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

  private WebClientRoutes() {}

  public static void mount(Router router) {
    router.route().handler(WebClientRoutes::securityHeaders);
    // Vert.x's MIME table has no .webmanifest, and with nosniff the type must be the right one.
    router
        .get("/manifest.webmanifest")
        .handler(
            ctx -> {
              ctx.addHeadersEndHandler(
                  done ->
                      ctx.response()
                          .headers()
                          .set(HttpHeaders.CONTENT_TYPE, "application/manifest+json"));
              ctx.next();
            });
    router
        .route("/*")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(
            StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"))
        .handler(WebClientRoutes::spaFallback);
  }

  private static void securityHeaders(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!path.startsWith("/api/") && !path.equals("/ws")) {
      HttpServerResponse response =
          ctx.response()
              .putHeader("Content-Security-Policy", CSP)
              .putHeader("X-Content-Type-Options", "nosniff")
              .putHeader("X-Frame-Options", "DENY")
              .putHeader("Referrer-Policy", "no-referrer");
      boolean asset = path.startsWith("/assets/");
      // Set last, whatever the static handler chose: hashed assets never change, pages always
      // might.
      ctx.addHeadersEndHandler(
          done ->
              response
                  .headers()
                  .set(
                      HttpHeaders.CACHE_CONTROL,
                      asset && response.getStatusCode() == 200
                          ? "public, max-age=31536000, immutable"
                          : "no-cache"));
    }
    ctx.next();
  }

  /** Client routes (no file of that name): the app itself. */
  private static void spaFallback(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.startsWith("/api/")
        || path.startsWith("/assets/")
        || path.equals("/health")
        || path.equals("/metrics")
        || path.equals("/index.html")) {
      ctx.next();
      return;
    }
    ctx.reroute("/index.html");
  }
}
