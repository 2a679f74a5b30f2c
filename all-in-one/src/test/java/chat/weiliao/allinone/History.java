package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A conversation's whole history, read forward by seq over HTTP (for audits). */
public final class History {
  private History() {}

  public static List<JsonObject> read(Http http, String token, String conversation) {
    List<JsonObject> all = new ArrayList<>();
    long after = 0;
    while (true) {
      Http.Response page =
          http.get(
              "/api/conversations/" + conversation + "/messages?limit=100&after=" + after, token);
      assertEquals(200, page.status(), page.text());
      JsonArray messages = page.json().getJsonArray("messages");
      messages.forEach(message -> all.add((JsonObject) message));
      if (!page.json().getBoolean("hasMore") || messages.isEmpty()) {
        return all;
      }
      after = messages.getJsonObject(messages.size() - 1).getLong("seq");
    }
  }
}
