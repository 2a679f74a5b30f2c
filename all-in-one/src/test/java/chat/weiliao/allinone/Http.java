package chat.weiliao.allinone;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A blocking HTTP client for tests, speaking to one server. */
public final class Http {
  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  public record Response(int status, String text, HttpResponse<String> raw) {
    public JsonObject json() {
      return text.isEmpty() ? new JsonObject() : new JsonObject(text);
    }

    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Http(int port) {
    this.port = port;
  }

  public Response get(String path, String token) {
    return send(builder(path, token).GET());
  }

  public Response post(String path, Object body, String token) {
    return send(builder(path, token).POST(publisher(body)));
  }

  /** Uploads four bytes stored as {@code contentType}; the media url. */
  public String upload(String token, String contentType) {
    Response uploaded =
        send(
            builder("/api/media", token)
                .setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4})));
    if (uploaded.status() != 201) {
      throw new AssertionError("upload answered " + uploaded.status() + ": " + uploaded.text());
    }
    return uploaded.json().getString("url");
  }

  public Response put(String path, Object body, String token) {
    return send(builder(path, token).PUT(publisher(body)));
  }

  public Response patch(String path, Object body, String token) {
    return send(builder(path, token).method("PATCH", publisher(body)));
  }

  public Response delete(String path, String token) {
    return send(builder(path, token).DELETE());
  }

  /** A request with any method, headers and body, for the unusual cases. */
  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder builder(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    return body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString());
  }
}
