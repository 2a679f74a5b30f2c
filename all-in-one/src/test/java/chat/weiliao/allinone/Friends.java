package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Making contacts and sending messages in tests. */
final class Friends {
  private Friends() {}

  /** a asks, b accepts; returns their direct conversation id. */
  static String make(Http http, Users.Account a, Users.Account b) {
    Http.Response request =
        http.post("/api/contacts/requests", new JsonObject().put("to", b.phone()), a.accessToken());
    assertEquals(201, request.status(), request.text());
    Http.Response accept =
        http.post(
            "/api/contacts/requests/" + request.json().getString("id") + "/accept",
            null,
            b.accessToken());
    assertEquals(200, accept.status(), accept.text());
    return directId(a.phone(), b.phone());
  }

  static String directId(String a, String b) {
    return a.compareTo(b) < 0 ? "d_" + a + "_" + b : "d_" + b + "_" + a;
  }

  static JsonObject text(String conversationId, String text) {
    return new JsonObject()
        .put("conversationId", conversationId)
        .put("clientMsgId", UUID.randomUUID().toString())
        .put("kind", "text")
        .put("content", new JsonObject().put("text", text));
  }

  /** Sends a text and returns the stored message from the ack. */
  static JsonObject send(WsClient socket, String conversationId, String text) {
    JsonObject reply = socket.request("message.send", text(conversationId, text));
    assertEquals("ack", reply.getString("type"), reply.encode());
    return reply.getJsonObject("payload").getJsonObject("message");
  }

  /**
   * Sends {@code count} texts one after another, pausing after each 30 so that no calendar second
   * sees more than 90 frames (the server refuses a connection's 101st frame in a second).
   */
  static void sendMany(WsClient socket, String conversationId, int count, String prefix) {
    long batchStart = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      if (i > 0 && i % 30 == 0) {
        long wait = batchStart + 500 - System.currentTimeMillis();
        if (wait > 0) {
          try {
            Thread.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }
        batchStart = System.currentTimeMillis();
      }
      send(socket, conversationId, prefix + i);
    }
  }

  static WsClient ready(int port, String token) {
    WsClient socket = WsClient.connect(port, token);
    assertEquals("session.ready", socket.next().getString("type"));
    return socket;
  }

  /** Two new users, made contacts, and their direct conversation. */
  record Pair(Users.Account alice, Users.Account bob, String conversation) {}

  static Pair contacts(Http http) {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    return new Pair(alice, bob, make(http, alice, bob));
  }

  /** The error code a message.send with this payload is answered with. */
  static String sendErrorCode(WsClient socket, JsonObject payload) {
    return errorCode(socket.request("message.send", payload));
  }

  static String errorCode(JsonObject frame) {
    assertEquals("error", frame.getString("type"), frame.encode());
    return frame.getJsonObject("payload").getString("code");
  }

  /** The messages have exactly the seqs first..last, in order. */
  static void assertSeqs(JsonArray messages, long first, long last) {
    assertEquals(last - first + 1, messages.size(), messages.encode());
    for (int i = 0; i < messages.size(); i++) {
      assertEquals(first + i, messages.getJsonObject(i).getLong("seq"));
    }
  }
}
