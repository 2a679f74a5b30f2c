package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MediaTest {
  private static final HttpClient client = HttpClient.newHttpClient();
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void a9MiBImageRoundTrips() throws Exception {
    Users.Account alice = Users.register(http);
    byte[] bytes = new byte[9 * 1024 * 1024 + 123];
    new Random(7).nextBytes(bytes);
    HttpResponse<String> uploaded = upload(alice.accessToken(), "image/png", bytes);
    assertEquals(201, uploaded.statusCode(), uploaded.body());
    JsonObject file = new JsonObject(uploaded.body());
    assertEquals(bytes.length, file.getLong("size"));
    assertEquals("image/png", file.getString("contentType"));
    assertTrue(file.getString("url").matches("^/api/media/[0-9a-f]{32}$"), file.getString("url"));

    HttpResponse<byte[]> downloaded = download(file.getString("url"));
    assertEquals(200, downloaded.statusCode());
    assertArrayEquals(bytes, downloaded.body());
    assertEquals("image/png", downloaded.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        Long.toString(bytes.length),
        downloaded.headers().firstValue("Content-Length").orElseThrow());
    assertTrue(
        downloaded
            .headers()
            .firstValue("Cache-Control")
            .orElseThrow()
            .contains("max-age=31536000"));
    assertEquals(
        "nosniff", downloaded.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertTrue(
        downloaded.headers().firstValue("Content-Disposition").isEmpty(), "images display inline");
  }

  @Test
  void anUploadOver10MiBIsRefusedWhileStreaming() throws Exception {
    Users.Account alice = Users.register(http);
    byte[] bytes = new byte[11 * 1024 * 1024];
    HttpResponse<String> declared = upload(alice.accessToken(), "application/zip", bytes);
    assertEquals(413, declared.statusCode());
    assertEquals(
        "PAYLOAD_TOO_LARGE",
        new JsonObject(declared.body()).getJsonObject("error").getString("code"));

    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/api/media"))
            .header("Authorization", "Bearer " + alice.accessToken())
            .header("Content-Type", "application/zip")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(bytes)))
            .build();
    HttpResponse<String> streamed = client.send(chunked, HttpResponse.BodyHandlers.ofString());
    assertEquals(413, streamed.statusCode());
  }

  @Test
  void aDeclaredOversizeIsRefusedBeforeTheBodyIsSent() throws Exception {
    Users.Account alice = Users.register(http);
    try (Socket socket = new Socket("127.0.0.1", system.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + alice.accessToken()
                  + "\r\nContent-Type: image/png\r\nContent-Length: "
                  + (11 * 1024 * 1024)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", status);
    }
  }

  @Test
  void uploadedHtmlAndSvgComeBackAsAttachments() throws Exception {
    Users.Account alice = Users.register(http);
    for (String type : new String[] {"text/html", "image/svg+xml"}) {
      byte[] page =
          "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
      JsonObject file = new JsonObject(upload(alice.accessToken(), type, page).body());
      HttpResponse<byte[]> downloaded = download(file.getString("url"));
      assertEquals(200, downloaded.statusCode());
      assertTrue(
          downloaded
              .headers()
              .firstValue("Content-Disposition")
              .orElseThrow()
              .startsWith("attachment"),
          type);
      assertEquals(
          "nosniff", downloaded.headers().firstValue("X-Content-Type-Options").orElseThrow());
      assertTrue(
          downloaded
              .headers()
              .firstValue("Content-Security-Policy")
              .orElseThrow()
              .contains("sandbox"));
    }
  }

  @Test
  void downloadsCarryTheOriginalNameSanitisedAsRfc6266FilenameStar() throws Exception {
    Users.Account alice = Users.register(http);
    String url =
        new JsonObject(upload(alice.accessToken(), "application/pdf", new byte[] {1, 2, 3}).body())
            .getString("url");
    String name = java.net.URLEncoder.encode("季度 报告.pdf", StandardCharsets.UTF_8);
    assertEquals(
        "attachment; filename=\"__ __.pdf\"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%20%E6%8A%A5%E5%91%8A.pdf",
        download(url + "?name=" + name).headers().firstValue("Content-Disposition").orElseThrow());
    String hostile =
        java.net.URLEncoder.encode("../../etc/pa\"ss\r\nX-Evil: 1;.txt", StandardCharsets.UTF_8);
    String disposition =
        download(url + "?name=" + hostile)
            .headers()
            .firstValue("Content-Disposition")
            .orElseThrow();
    assertEquals(
        "attachment; filename=\"etc_pa_ss__X-Evil_ 1_.txt\"; filename*=UTF-8''etc_pa_ss__X-Evil_%201_.txt",
        disposition);
    assertEquals(
        "attachment; filename=\"" + url.substring(url.lastIndexOf('/') + 1) + "\"",
        download(url + "?name=..%2F").headers().firstValue("Content-Disposition").orElseThrow(),
        "nothing left: the id");
    assertEquals(
        "attachment; filename=\"" + url.substring(url.lastIndexOf('/') + 1) + "\"",
        download(url).headers().firstValue("Content-Disposition").orElseThrow(),
        "no name asked for: the id");
  }

  @Test
  void uploadNeedsATokenAndUnknownMediaIs404() throws Exception {
    HttpResponse<String> anonymous = upload(null, "image/png", new byte[] {1, 2, 3});
    assertEquals(401, anonymous.statusCode());
    assertEquals(404, download("/api/media/0123456789abcdef0123456789abcdef").statusCode());
    assertEquals(404, download("/api/media/not-an-id").statusCode());
  }

  @Test
  void imagesFilesAndAvatarsUseUploadedUrls() throws Exception {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    String conversation = Friends.make(http, alice, bob);
    String url =
        new JsonObject(upload(alice.accessToken(), "image/jpeg", new byte[] {9, 9, 9}).body())
            .getString("url");
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken())) {
      JsonObject image =
          a.request(
              "message.send",
              new JsonObject()
                  .put("conversationId", conversation)
                  .put("clientMsgId", "img-1")
                  .put("kind", "image")
                  .put(
                      "content",
                      new JsonObject()
                          .put("url", url)
                          .put("width", 640)
                          .put("height", 480)
                          .put("extra", "dropped")));
      JsonObject stored = image.getJsonObject("payload").getJsonObject("message");
      assertEquals(
          new JsonObject().put("url", url).put("width", 640).put("height", 480),
          stored.getJsonObject("content"));
      assertEquals(
          "image",
          b.awaitType("message.new")
              .getJsonObject("payload")
              .getJsonObject("message")
              .getString("kind"));
      JsonObject fileMessage =
          a.request(
              "message.send",
              new JsonObject()
                  .put("conversationId", conversation)
                  .put("clientMsgId", "file-1")
                  .put("kind", "file")
                  .put(
                      "content",
                      new JsonObject().put("url", url).put("name", "报告.pdf").put("size", 3)));
      assertEquals(
          "报告.pdf",
          fileMessage
              .getJsonObject("payload")
              .getJsonObject("message")
              .getJsonObject("content")
              .getString("name"));
      assertEquals(
          "INVALID_ARGUMENT",
          Friends.errorCode(
              a.request(
                  "message.send",
                  new JsonObject()
                      .put("conversationId", conversation)
                      .put("clientMsgId", "img-2")
                      .put("kind", "image")
                      .put("content", new JsonObject().put("url", url)))));
    }
    assertEquals(
        url,
        http.patch("/api/users/me", new JsonObject().put("avatar", url), alice.accessToken())
            .json()
            .getString("avatar"));
    assertNull(
        http.patch("/api/users/me", new JsonObject().putNull("avatar"), alice.accessToken())
            .json()
            .getString("avatar"));
    assertEquals(
        400,
        http.patch(
                "/api/users/me",
                new JsonObject().put("avatar", "https://evil.example/a.png"),
                alice.accessToken())
            .status());
  }

  private HttpResponse<String> upload(String token, String type, byte[] bytes) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/api/media"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> download(String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
