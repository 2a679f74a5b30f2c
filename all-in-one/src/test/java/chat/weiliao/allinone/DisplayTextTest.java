package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 #9: names end up inside the lines the server writes ("Bob left the group"), so a name
 * with a newline, a control character or a bidi override could forge such a line. They are refused.
 */
class DisplayTextTest {
  private static final String[] FORGERIES = {
    "Bob\nAlice left the group",
    "Bob\r",
    "Bob\u0007",
    "Bob\u0085",
    "\u202Epuorg eht tfel",
    "Bob\u2066x\u2069",
    "Bob\u200F",
    "Bob\u061C",
    "Bob\u2028Alice"
  };
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void namesWithControlOrDirectionCharactersAreRefused() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, alice, bob);
    Friends.make(http, alice, carol);
    String group =
        http.post(
                "/api/groups",
                new JsonObject()
                    .put("name", "Plain")
                    .put("members", new JsonArray().add(bob.phone()).add(carol.phone())),
                alice.accessToken())
            .json()
            .getJsonObject("group")
            .getString("id");
    for (String forged : FORGERIES) {
      assertInvalid(
          http.post(
              "/api/auth/register",
              new JsonObject()
                  .put("phone", TestSystem.newPhone())
                  .put("password", Users.PASSWORD)
                  .put("nickname", forged),
              null),
          forged);
      assertInvalid(
          http.patch(
              "/api/users/me", new JsonObject().put("nickname", forged), alice.accessToken()),
          forged);
      assertInvalid(
          http.patch(
              "/api/users/me", new JsonObject().put("signature", forged), alice.accessToken()),
          forged);
      assertInvalid(
          http.patch(
              "/api/contacts/" + bob.phone(),
              new JsonObject().put("remark", forged),
              alice.accessToken()),
          forged);
      assertInvalid(
          http.patch(
              "/api/groups/" + group, new JsonObject().put("name", forged), alice.accessToken()),
          forged);
    }
    assertInvalid(
        http.patch(
            "/api/groups/" + group,
            new JsonObject().put("notice", "a\u202Eb"),
            alice.accessToken()),
        "notice");
    assertEquals(
        200,
        http.patch(
                "/api/groups/" + group,
                new JsonObject().put("notice", "Line one\nLine two"),
                alice.accessToken())
            .status(),
        "a notice may have several lines");
  }

  @Test
  void ordinaryTextStillPasses() {
    Users.Account alice = Users.register(http);
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 أليس";
    Http.Response renamed =
        http.patch("/api/users/me", new JsonObject().put("nickname", family), alice.accessToken());
    assertEquals(200, renamed.status(), renamed.text());
    assertEquals(
        family, renamed.json().getString("nickname"), "joiners and right-to-left letters are fine");
  }

  private static void assertInvalid(Http.Response response, String input) {
    assertEquals(
        400,
        response.status(),
        input.codePoints().mapToObj(Integer::toHexString).toList() + ": " + response.text());
    assertEquals("INVALID_ARGUMENT", response.errorCode());
  }
}
