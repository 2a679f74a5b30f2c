package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Moments (contract 1.1 §5.3) over real sockets: three users who are partly contacts (A–B, B–C, not
 * A–C), who sees which posts, likes and comments, and which connections hear of them.
 */
class MomentsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  /** A–B and B–C are contacts, A and C are not. */
  private record Trio(Users.Account a, Users.Account b, Users.Account c) {}

  private Trio trio() {
    Trio trio = new Trio(Users.register(http), Users.register(http), Users.register(http));
    Friends.make(http, trio.a(), trio.b());
    Friends.make(http, trio.b(), trio.c());
    return trio;
  }

  @Test
  void aMomentIsSeenByTheAuthorsContactsAndTheirOwnActivityOnly() throws Exception {
    Trio t = trio();
    String image = http.upload(t.b().accessToken(), "image/png");
    JsonObject posted =
        post(
            t.b(),
            new JsonObject()
                .put("text", "第一条 moment")
                .put(
                    "images",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("url", image)
                                .put("width", 640)
                                .put("height", 480))));
    String id = posted.getString("id");
    assertEquals(t.b().phone(), posted.getJsonObject("author").getString("phone"));
    assertEquals(image, posted.getJsonArray("images").getJsonObject(0).getString("url"));

    assertEquals(List.of(id), timelineIds(t.a()));
    assertEquals(List.of(id), timelineIds(t.c()));
    assertEquals(List.of(id), timelineIds(t.b()), "the author's own timeline");

    assertEquals(204, http.put("/api/moments/" + id + "/like", null, t.a().accessToken()).status());
    assertEquals(
        204,
        http.put("/api/moments/" + id + "/like", null, t.a().accessToken()).status(),
        "idempotent");
    assertEquals(204, http.put("/api/moments/" + id + "/like", null, t.c().accessToken()).status());
    comment(t.a(), id, new JsonObject().put("text", "from A"));
    comment(t.c(), id, new JsonObject().put("text", "from C"));

    assertActors(moment(t.a(), id), List.of(t.a()), List.of("from A"));
    assertActors(moment(t.c(), id), List.of(t.c()), List.of("from C"));
    assertActors(moment(t.b(), id), List.of(t.a(), t.c()), List.of("from A", "from C"));

    JsonObject aPost = post(t.a(), new JsonObject().put("text", "only for A's contacts"));
    assertEquals(
        404, http.get("/api/moments/" + aPost.getString("id"), t.c().accessToken()).status());
    assertEquals(List.of(id), timelineIds(t.c()), "C never sees A's moment");
    assertEquals(
        403, http.get("/api/users/" + t.a().phone() + "/moments", t.c().accessToken()).status());
    JsonObject album =
        http.get("/api/users/" + t.a().phone() + "/moments", t.b().accessToken()).json();
    assertEquals(
        aPost.getString("id"), album.getJsonArray("moments").getJsonObject(0).getString("id"));
  }

  @Test
  void aRemovedContactStopsSeeingAtOnceAndSeesAgainWhenReAdded() {
    Trio t = trio();
    String id = post(t.b(), new JsonObject().put("text", "before the quarrel")).getString("id");
    assertEquals(204, http.delete("/api/contacts/" + t.a().phone(), t.b().accessToken()).status());
    assertEquals(List.of(), timelineIds(t.a()));
    assertEquals(404, http.get("/api/moments/" + id, t.a().accessToken()).status());
    assertEquals(404, http.put("/api/moments/" + id + "/like", null, t.a().accessToken()).status());
    assertEquals(
        403, http.get("/api/users/" + t.b().phone() + "/moments", t.a().accessToken()).status());

    Friends.make(http, t.a(), t.b());
    assertEquals(List.of(id), timelineIds(t.a()));
    assertEquals(200, http.get("/api/moments/" + id, t.a().accessToken()).status());
  }

  @Test
  void pagingWithBeforeSkipsAndRepeatsNothingWhilePostsArrive() throws Exception {
    Trio t = trio();
    List<String> before = new java.util.ArrayList<>();
    for (int i = 0; i < 23; i++) {
      before.add(
          0,
          post(i % 2 == 0 ? t.b() : t.a(), new JsonObject().put("text", "post " + i))
              .getString("id"));
    }
    Thread poster =
        new Thread(
            () -> {
              for (int i = 0; i < 10; i++) {
                post(t.b(), new JsonObject().put("text", "meanwhile " + i));
              }
            });
    List<String> walked = new java.util.ArrayList<>();
    String next = null;
    boolean hasMore = true;
    poster.start();
    while (hasMore) {
      JsonObject page =
          http.get(
                  "/api/moments?limit=5" + (next == null ? "" : "&before=" + next),
                  t.a().accessToken())
              .json();
      JsonArray moments = page.getJsonArray("moments");
      moments.forEach(m -> walked.add(((JsonObject) m).getString("id")));
      hasMore = page.getBoolean("hasMore");
      next = moments.isEmpty() ? null : moments.getJsonObject(moments.size() - 1).getString("id");
    }
    poster.join();
    assertEquals(
        walked.size(), new java.util.HashSet<>(walked).size(), "no moment twice: " + walked);
    assertTrue(walked.containsAll(before), "none of those posted before the walk skipped");
    List<String> sorted = new java.util.ArrayList<>(walked);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, walked, "newest first");
  }

  @Test
  void eventsReachExactlyTheRightConnections() {
    Trio t = trio();
    Users.Account stranger = Users.register(http);
    try (WsClient a = Friends.ready(system.port(), t.a().accessToken());
        WsClient b = Friends.ready(system.port(), t.b().accessToken());
        WsClient c = Friends.ready(system.port(), t.c().accessToken());
        WsClient s = Friends.ready(system.port(), stranger.accessToken())) {
      String id = post(t.b(), new JsonObject().put("text", "hello")).getString("id");
      for (WsClient contact : List.of(a, c)) {
        JsonObject news = contact.awaitType("moment.new").getJsonObject("payload");
        assertEquals(new JsonObject().put("momentId", id).put("author", t.b().phone()), news);
      }

      assertEquals(
          204, http.put("/api/moments/" + id + "/like", null, t.a().accessToken()).status());
      JsonObject like = b.awaitType("moment.activity").getJsonObject("payload");
      assertEquals("like", like.getString("kind"));
      assertEquals(t.a().phone(), like.getString("from"));

      comment(t.a(), id, new JsonObject().put("text", "A first"));
      assertEquals(
          "A first",
          b.awaitType("moment.activity")
              .getJsonObject("payload")
              .getJsonObject("comment")
              .getString("text"));
      comment(t.c(), id, new JsonObject().put("text", "C answers A").put("replyTo", t.a().phone()));
      assertEquals(
          "C answers A",
          b.awaitType("moment.activity")
              .getJsonObject("payload")
              .getJsonObject("comment")
              .getString("text"));
      comment(t.b(), id, new JsonObject().put("text", "B answers A").put("replyTo", t.a().phone()));
      JsonObject reply = a.awaitType("moment.activity").getJsonObject("payload");
      assertEquals(
          "B answers A",
          reply.getJsonObject("comment").getString("text"),
          "A hears B's reply, not C's");
      assertEquals(
          t.a().phone(),
          reply.getJsonObject("comment").getJsonObject("replyTo").getString("phone"));

      b.assertNone(
          frame ->
              frame.getString("type").startsWith("moment.")
                  && frame.encode().contains("B answers A"),
          300);
      for (WsClient quiet : List.of(c, s)) {
        quiet.assertNone(frame -> frame.getString("type").equals("moment.activity"), 300);
      }
      s.assertNone(frame -> frame.getString("type").equals("moment.new"), 100);
    }
  }

  @Test
  void deletingTakesLikesCommentsAndTimelineEntriesAlong() {
    Trio t = trio();
    String id = post(t.b(), new JsonObject().put("text", "soon gone")).getString("id");
    String aComment = comment(t.a(), id, new JsonObject().put("text", "mine")).getString("id");
    String cComment = comment(t.c(), id, new JsonObject().put("text", "C's")).getString("id");
    assertEquals(
        403,
        http.delete("/api/moments/" + id + "/comments/" + cComment, t.a().accessToken()).status());
    assertEquals(
        204,
        http.delete("/api/moments/" + id + "/comments/" + aComment, t.a().accessToken()).status());
    assertEquals(
        204,
        http.delete("/api/moments/" + id + "/comments/" + cComment, t.b().accessToken()).status(),
        "the moment's author may delete any comment");
    assertEquals(0, moment(t.b(), id).getJsonArray("comments").size());
    assertEquals(
        404,
        http.delete("/api/moments/" + id + "/comments/" + cComment, t.b().accessToken()).status());

    assertEquals(403, http.delete("/api/moments/" + id, t.a().accessToken()).status());
    assertEquals(204, http.delete("/api/moments/" + id, t.b().accessToken()).status());
    for (Users.Account viewer : List.of(t.a(), t.b(), t.c())) {
      assertEquals(404, http.get("/api/moments/" + id, viewer.accessToken()).status());
      assertEquals(List.of(), timelineIds(viewer));
    }
  }

  @Test
  void badInputGetsTheContractsErrors() throws Exception {
    Trio t = trio();
    String text = http.upload(t.b().accessToken(), "text/plain");
    String id = post(t.b(), new JsonObject().put("text", "x")).getString("id");
    String token = t.b().accessToken();
    JsonArray tenImages = new JsonArray();
    for (int i = 0; i < 10; i++) {
      tenImages.add(
          new JsonObject()
              .put("url", http.upload(t.b().accessToken(), "image/png"))
              .put("width", 1)
              .put("height", 1));
    }
    for (Object body :
        new Object[] {
          new JsonObject(),
          new JsonObject().put("text", "  "),
          new JsonObject().put("text", "x".repeat(2001)),
          new JsonObject().put("images", tenImages),
          new JsonObject().put("images", new JsonArray().add("https://evil.example/x.png")),
          new JsonObject().put("images", new JsonArray().add(text)),
          new JsonObject().put("text", 5),
          "[]"
        }) {
      assertCode(400, "INVALID_ARGUMENT", http.post("/api/moments", body, token));
    }
    assertEquals(
        201,
        http.post("/api/moments", new JsonObject().put("text", "界".repeat(2000)), token).status());
    for (Object body :
        new Object[] {
          new JsonObject(),
          new JsonObject().put("text", "y".repeat(281)),
          new JsonObject().put("text", "ok").put("replyTo", t.a().phone()),
          new JsonObject().put("text", "ok").put("replyTo", "x")
        }) {
      assertCode(
          400, "INVALID_ARGUMENT", http.post("/api/moments/" + id + "/comments", body, token));
    }
    for (String query : new String[] {"limit=0", "limit=51", "limit=x", "before=nope"}) {
      assertCode(400, "INVALID_ARGUMENT", http.get("/api/moments?" + query, token));
    }
    assertCode(401, "UNAUTHENTICATED", http.get("/api/moments", null));
    assertCode(404, "NOT_FOUND", http.get("/api/moments/0123456789abcdef01234567", token));
    assertCode(404, "NOT_FOUND", http.get("/api/moments/not-an-id", token));
    assertCode(
        404,
        "NOT_FOUND",
        http.delete("/api/moments/" + id + "/comments/0123456789abcdef01234567", token));
    assertCode(400, "INVALID_ARGUMENT", http.get("/api/users/12/moments", token));
  }

  @Test
  void postsAreLimitedPerHour() {
    Users.Account spammer = Users.register(http);
    for (int i = 0; i < 30; i++) {
      post(spammer, new JsonObject().put("text", "spam " + i));
    }
    Http.Response limited =
        http.post("/api/moments", new JsonObject().put("text", "one more"), spammer.accessToken());
    assertCode(429, "RATE_LIMITED", limited);
    assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0);
  }

  private JsonObject post(Users.Account author, JsonObject body) {
    Http.Response posted = http.post("/api/moments", body, author.accessToken());
    assertEquals(201, posted.status(), posted.text());
    return posted.json();
  }

  private JsonObject comment(Users.Account from, String momentId, JsonObject body) {
    Http.Response commented =
        http.post("/api/moments/" + momentId + "/comments", body, from.accessToken());
    assertEquals(201, commented.status(), commented.text());
    return commented.json();
  }

  private JsonObject moment(Users.Account viewer, String id) {
    Http.Response found = http.get("/api/moments/" + id, viewer.accessToken());
    assertEquals(200, found.status(), found.text());
    return found.json();
  }

  private List<String> timelineIds(Users.Account viewer) {
    Http.Response page = http.get("/api/moments", viewer.accessToken());
    assertEquals(200, page.status(), page.text());
    return page.json().getJsonArray("moments").stream()
        .map(m -> ((JsonObject) m).getString("id"))
        .toList();
  }

  private static void assertActors(
      JsonObject moment, List<Users.Account> likers, List<String> comments) {
    assertEquals(
        likers.stream().map(Users.Account::phone).toList(),
        moment.getJsonArray("likes").stream()
            .map(u -> ((JsonObject) u).getString("phone"))
            .toList(),
        moment.encode());
    assertEquals(
        comments,
        moment.getJsonArray("comments").stream()
            .map(c -> ((JsonObject) c).getString("text"))
            .toList());
  }

  private static void assertCode(int status, String code, Http.Response response) {
    assertEquals(status, response.status(), response.text());
    assertEquals(code, response.errorCode(), response.text());
  }
}
