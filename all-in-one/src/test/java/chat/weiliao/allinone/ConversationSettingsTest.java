package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pinned and muted conversations (contract 5.2); the bound on pins and paging through many are in
 * BigAccountTest.
 */
class ConversationSettingsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void pinnedAndMutedAreTheCallersOwnAndReachOnlyTheirConnections() {
    Friends.Pair pair = Friends.contacts(http);
    try (WsClient alicesOther = Friends.ready(system.port(), pair.alice().accessToken());
        WsClient bobs = Friends.ready(system.port(), pair.bob().accessToken())) {
      Http.Response pinned =
          patch(
              pair.alice(),
              pair.conversation(),
              new JsonObject().put("pinned", true).put("muted", true));
      assertEquals(200, pinned.status(), pinned.text());
      assertSettings(pinned.json(), true, true);
      assertEquals(
          pair.bob().phone(),
          pinned.json().getJsonObject("peer").getString("phone"),
          "the whole conversation object");

      JsonObject updated =
          alicesOther
              .awaitType("conversation.updated")
              .getJsonObject("payload")
              .getJsonObject("conversation");
      assertEquals(pair.conversation(), updated.getString("id"));
      assertSettings(updated, true, true);

      Friends.send(alicesOther, pair.conversation(), "after the settings");
      // alice's connections coming online may reach bob as presence at any point; what matters
      // is that nothing about her settings does.
      assertEquals(
          "message.new",
          bobs.await(frame -> !"presence".equals(frame.getString("type"))).getString("type"),
          "bob hears nothing of alice's settings");
      assertSettings(only(pair.bob()), false, false);
      assertSettings(only(pair.alice()), true, true);

      Http.Response unmuted =
          patch(pair.alice(), pair.conversation(), new JsonObject().put("muted", false));
      assertSettings(unmuted.json(), true, false);
      assertSettings(
          alicesOther
              .awaitType("conversation.updated")
              .getJsonObject("payload")
              .getJsonObject("conversation"),
          true,
          false);
    }
  }

  @Test
  void pinnedConversationsComeFirstInListsAndInSessionReady() {
    Users.Account alice = Users.register(http);
    for (int i = 0; i < 3; i++) {
      Friends.make(http, alice, Users.register(http));
    }
    List<String> unpinned = ids(http.get("/api/conversations", alice.accessToken()).json());
    String last = unpinned.get(2);
    assertEquals(200, patch(alice, last, new JsonObject().put("pinned", true)).status());
    List<String> expected = List.of(last, unpinned.get(0), unpinned.get(1));
    assertEquals(expected, ids(http.get("/api/conversations", alice.accessToken()).json()));
    try (WsClient socket = WsClient.connect(system.port(), alice.accessToken())) {
      assertEquals(expected, ids(socket.next().getJsonObject("payload")));
    }
    assertEquals(expected, walk(alice, 1), "one at a time, the pinned one first and none twice");
    assertEquals(expected, walk(alice, 2));

    assertEquals(200, patch(alice, last, new JsonObject().put("pinned", false)).status());
    assertEquals(
        unpinned,
        ids(http.get("/api/conversations", alice.accessToken()).json()),
        "unpinned: back in its place");
  }

  @Test
  void aMemberWhoLeavesAGroupTakesTheirSettingsAlong() {
    Friends.Pair pair = Friends.contacts(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, pair.alice(), carol);
    Http.Response created =
        http.post(
            "/api/groups",
            new JsonObject()
                .put("name", "Settings")
                .put("members", new JsonArray().add(pair.bob().phone()).add(carol.phone())),
            pair.alice().accessToken());
    String group = "g_" + created.json().getJsonObject("group").getString("id");
    Http.Response set =
        patch(pair.bob(), group, new JsonObject().put("pinned", true).put("muted", true));
    assertEquals(200, set.status(), set.text());
    assertEquals(
        204,
        http.delete(
                "/api/groups/" + group.substring(2) + "/members/" + pair.bob().phone(),
                pair.bob().accessToken())
            .status());
    assertEquals(
        403,
        patch(pair.bob(), group, new JsonObject().put("pinned", true)).status(),
        "no longer a member");
    Http.Response readded =
        http.post(
            "/api/groups/" + group.substring(2) + "/members",
            new JsonObject().put("phones", new JsonArray().add(pair.bob().phone())),
            pair.alice().accessToken());
    assertEquals(200, readded.status(), readded.text());
    JsonObject rejoined =
        http
            .get("/api/conversations", pair.bob().accessToken())
            .json()
            .getJsonArray("conversations")
            .stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("id").equals(group))
            .findFirst()
            .orElseThrow();
    assertSettings(rejoined, false, false);
  }

  @Test
  void badSettingsAndStrangersAreRefused() {
    Friends.Pair pair = Friends.contacts(http);
    Users.Account stranger = Users.register(http);
    assertRefused(
        patch(stranger, pair.conversation(), new JsonObject().put("pinned", true)),
        403,
        "FORBIDDEN");
    assertRefused(
        patch(pair.alice(), "g_0123456789abcdef", new JsonObject().put("pinned", true)),
        404,
        "NOT_FOUND");
    assertRefused(
        patch(pair.alice(), "not-a-conversation", new JsonObject().put("pinned", true)),
        400,
        "INVALID_ARGUMENT");
    assertRefused(
        patch(pair.alice(), pair.conversation(), new JsonObject().put("pinned", "yes")),
        400,
        "INVALID_ARGUMENT");
    assertRefused(
        patch(pair.alice(), pair.conversation(), new JsonObject().put("muted", 1)),
        400,
        "INVALID_ARGUMENT");
    assertRefused(
        http.patch(
            "/api/conversations/" + pair.conversation(), "[true]", pair.alice().accessToken()),
        400,
        "INVALID_ARGUMENT");
    Http.Response nothingAsked = patch(pair.alice(), pair.conversation(), new JsonObject());
    assertEquals(200, nothingAsked.status(), nothingAsked.text());
    assertSettings(nothingAsked.json(), false, false);
  }

  private Http.Response patch(Users.Account caller, String conversation, JsonObject body) {
    return http.patch("/api/conversations/" + conversation, body, caller.accessToken());
  }

  private JsonObject only(Users.Account caller) {
    JsonArray list =
        http.get("/api/conversations", caller.accessToken()).json().getJsonArray("conversations");
    assertEquals(1, list.size());
    return list.getJsonObject(0);
  }

  /** The ids of every page, walked with this limit. */
  private List<String> walk(Users.Account caller, int limit) {
    List<String> seen = new java.util.ArrayList<>();
    String next = null;
    do {
      JsonObject page =
          http.get(
                  "/api/conversations?limit=" + limit + (next == null ? "" : "&before=" + next),
                  caller.accessToken())
              .json();
      seen.addAll(ids(page));
      next = page.getBoolean("hasMore") ? page.getString("next") : null;
    } while (next != null);
    return seen;
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("conversations").stream()
        .map(c -> ((JsonObject) c).getString("id"))
        .toList();
  }

  private static void assertSettings(JsonObject conversation, boolean pinned, boolean muted) {
    assertEquals(pinned, conversation.getBoolean("pinned"), conversation.encode());
    assertEquals(muted, conversation.getBoolean("muted"), conversation.encode());
  }

  private static void assertRefused(Http.Response response, int status, String code) {
    assertEquals(status, response.status(), response.text());
    assertEquals(code, response.errorCode());
    assertFalse(response.text().contains("Exception"));
    assertTrue(response.text().contains("\"message\""));
  }
}
