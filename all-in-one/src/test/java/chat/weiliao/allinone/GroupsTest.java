package chat.weiliao.allinone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {
  private final TestSystem system = TestSystem.get();
  private final Http http = new Http(system.port());

  @Test
  void createAGroupOfContacts() {
    Users.Account alice = Users.register(http, TestSystem.newPhone(), "Alice");
    Users.Account bob = Users.register(http, TestSystem.newPhone(), "Bob");
    Users.Account carol = Users.register(http, TestSystem.newPhone(), "Carol");
    Friends.make(http, alice, bob);
    Friends.make(http, alice, carol);
    try (WsClient bobSocket = Friends.ready(system.port(), bob.accessToken())) {
      Http.Response created =
          http.post(
              "/api/groups",
              new JsonObject()
                  .put("name", "周末爬山")
                  .put("members", new JsonArray().add(bob.phone()).add(carol.phone())),
              alice.accessToken());
      assertEquals(201, created.status(), created.text());
      JsonObject group = created.json().getJsonObject("group");
      assertEquals("周末爬山", group.getString("name"));
      assertEquals(alice.phone(), group.getString("owner"));
      assertEquals("", group.getString("notice"));
      assertEquals(
          List.of(alice.phone(), bob.phone(), carol.phone()),
          phones(group.getJsonArray("members")));
      assertEquals("Bob", group.getJsonArray("members").getJsonObject(1).getString("nickname"));
      JsonObject conversation = created.json().getJsonObject("conversation");
      assertEquals("g_" + group.getString("id"), conversation.getString("id"));
      assertEquals("group", conversation.getString("type"));
      assertEquals(group.getString("name"), conversation.getJsonObject("group").getString("name"));
      assertEquals("system", conversation.getJsonObject("lastMessage").getString("kind"));

      var events = bobSocket.awaitTypes("group.updated", "message.new");
      assertEquals(
          group.getString("id"),
          events
              .get("group.updated")
              .getJsonObject("payload")
              .getJsonObject("group")
              .getString("id"));
      JsonObject notice =
          events.get("message.new").getJsonObject("payload").getJsonObject("message");
      assertEquals("group.created", notice.getJsonObject("content").getString("event"));
      assertEquals(1, notice.getLong("seq"));
      assertEquals(
          200, http.get("/api/groups/" + group.getString("id"), carol.accessToken()).status());
      assertTrue(
          http
              .get("/api/conversations", carol.accessToken())
              .json()
              .getJsonArray("conversations")
              .stream()
              .anyMatch(
                  c -> ((JsonObject) c).getString("id").equals(conversation.getString("id"))));
    }
  }

  @Test
  void creationRules() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account stranger = Users.register(http);
    Friends.make(http, alice, bob);
    assertCode(400, http.post("/api/groups", group("Two", bob), alice.accessToken()));
    assertCode(
        403,
        http.post("/api/groups", group("With a stranger", bob, stranger), alice.accessToken()));
    assertCode(400, http.post("/api/groups", group("", bob, stranger), alice.accessToken()));
    assertCode(
        400, http.post("/api/groups", group("n".repeat(33), bob, stranger), alice.accessToken()));
    assertCode(
        400,
        http.post(
            "/api/groups",
            new JsonObject().put("name", "x").put("members", "nope"),
            alice.accessToken()));
    assertCode(
        400,
        http.post(
            "/api/groups",
            new JsonObject()
                .put("name", "x")
                .put(
                    "members",
                    new JsonArray().add(bob.phone()).add(new JsonObject().put("$gt", ""))),
            alice.accessToken()));
    assertCode(404, http.get("/api/groups/0123456789abcdef", alice.accessToken()));
  }

  @Test
  void twentyMembersOnTwoConnectionsEachAllReceive() {
    Users.Account owner = Users.register(http);
    List<Users.Account> others = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      Users.Account member = Users.register(http);
      Friends.make(http, owner, member);
      others.add(member);
    }
    JsonObject body =
        new JsonObject()
            .put("name", "Twenty")
            .put("members", new JsonArray(others.stream().map(Users.Account::phone).toList()));
    JsonObject created = http.post("/api/groups", body, owner.accessToken()).json();
    String conversation = created.getJsonObject("conversation").getString("id");
    List<WsClient> sockets = new ArrayList<>();
    try {
      for (Users.Account member : others) {
        sockets.add(Friends.ready(system.port(), member.accessToken()));
        sockets.add(Friends.ready(system.port(), member.accessToken()));
      }
      WsClient ownerSocket = Friends.ready(system.port(), owner.accessToken());
      sockets.add(ownerSocket);
      JsonObject sent = Friends.send(ownerSocket, conversation, "大家好");
      assertEquals(2, sent.getLong("seq"));
      for (WsClient socket : sockets.subList(0, 38)) {
        assertEquals(
            sent.getString("id"),
            socket
                .awaitType("message.new")
                .getJsonObject("payload")
                .getJsonObject("message")
                .getString("id"));
      }
      JsonObject reply = Friends.send(sockets.get(5), conversation, "收到");
      assertEquals(
          reply.getString("id"),
          ownerSocket
              .awaitType("message.new")
              .getJsonObject("payload")
              .getJsonObject("message")
              .getString("id"));
      Friends.assertSeqs(
          http.get("/api/conversations/" + conversation + "/messages", others.get(0).accessToken())
              .json()
              .getJsonArray("messages"),
          1,
          3);
    } finally {
      sockets.forEach(WsClient::close);
    }
  }

  @Test
  void renameNoticeAddRemoveAndLeave() {
    Users.Account alice = Users.register(http, TestSystem.newPhone(), "Alice");
    Users.Account bob = Users.register(http, TestSystem.newPhone(), "Bob");
    Users.Account carol = Users.register(http, TestSystem.newPhone(), "Carol");
    Users.Account dave = Users.register(http, TestSystem.newPhone(), "Dave");
    Users.Account stranger = Users.register(http);
    Friends.make(http, alice, bob);
    Friends.make(http, alice, carol);
    Friends.make(http, bob, dave);
    JsonObject group =
        http.post("/api/groups", group("Team", bob, carol), alice.accessToken())
            .json()
            .getJsonObject("group");
    String id = group.getString("id");
    String conversation = "g_" + id;
    try (WsClient carolSocket = Friends.ready(system.port(), carol.accessToken());
        WsClient strangerSocket = Friends.ready(system.port(), stranger.accessToken())) {
      Http.Response renamed =
          http.patch(
              "/api/groups/" + id, new JsonObject().put("name", "Dream Team"), bob.accessToken());
      assertEquals(200, renamed.status(), renamed.text());
      assertEquals("Dream Team", renamed.json().getString("name"));
      // The group's creation publishes a group.updated of its own after its reply, which may reach
      // carol's socket, opened just after, first: the rename is the one with the new name.
      assertEquals(
          "Dream Team",
          carolSocket
              .await(
                  frame ->
                      "group.updated".equals(frame.getString("type"))
                          && "Dream Team"
                              .equals(
                                  frame
                                      .getJsonObject("payload")
                                      .getJsonObject("group")
                                      .getString("name")))
              .getJsonObject("payload")
              .getJsonObject("group")
              .getString("name"));
      assertEquals(
          "group.renamed",
          lastMessage(carol, conversation).getJsonObject("content").getString("event"));
      assertEquals(
          "Be kind",
          http.patch(
                  "/api/groups/" + id,
                  new JsonObject().put("notice", "Be kind"),
                  alice.accessToken())
              .json()
              .getString("notice"));
      assertCode(400, http.patch("/api/groups/" + id, new JsonObject(), alice.accessToken()));
      assertCode(
          403,
          http.patch(
              "/api/groups/" + id, new JsonObject().put("name", "Mine"), stranger.accessToken()));
      assertCode(403, http.get("/api/groups/" + id, stranger.accessToken()));
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(
              strangerSocket.request("message.send", Friends.text(conversation, "hi"))));

      assertCode(
          403,
          http.post(
              "/api/groups/" + id + "/members",
              new JsonObject().put("phones", new JsonArray().add(dave.phone())),
              alice.accessToken()));
      Http.Response added =
          http.post(
              "/api/groups/" + id + "/members",
              new JsonObject().put("phones", new JsonArray().add(dave.phone())),
              bob.accessToken());
      assertEquals(200, added.status(), added.text());
      assertEquals(4, added.json().getJsonArray("members").size());
      assertEquals(200, http.get("/api/groups/" + id, dave.accessToken()).status());

      assertCode(
          403, http.delete("/api/groups/" + id + "/members/" + carol.phone(), bob.accessToken()));
      assertEquals(
          204,
          http.delete("/api/groups/" + id + "/members/" + carol.phone(), alice.accessToken())
              .status());
      JsonObject removedView =
          carolSocket
              .await(
                  frame ->
                      "group.updated".equals(frame.getString("type"))
                          && !phones(
                                  frame
                                      .getJsonObject("payload")
                                      .getJsonObject("group")
                                      .getJsonArray("members"))
                              .contains(carol.phone()))
              .getJsonObject("payload")
              .getJsonObject("group");
      assertEquals(
          List.of(alice.phone(), bob.phone(), dave.phone()),
          phones(removedView.getJsonArray("members")),
          "the removed member hears of it too");
      assertEquals(
          "FORBIDDEN",
          Friends.errorCode(carolSocket.request("message.send", Friends.text(conversation, "hi"))));
      assertCode(
          403, http.get("/api/conversations/" + conversation + "/messages", carol.accessToken()));

      assertEquals(
          204,
          http.delete("/api/groups/" + id + "/members/" + alice.phone(), alice.accessToken())
              .status());
      JsonObject afterOwnerLeft = http.get("/api/groups/" + id, bob.accessToken()).json();
      assertEquals(
          bob.phone(),
          afterOwnerLeft.getString("owner"),
          "the longest-standing member owns it now");
      assertEquals(
          List.of(bob.phone(), dave.phone()), phones(afterOwnerLeft.getJsonArray("members")));
      assertEquals(
          "group.member-left",
          lastMessage(bob, conversation).getJsonObject("content").getString("event"));

      assertEquals(
          204,
          http.delete("/api/groups/" + id + "/members/" + dave.phone(), dave.accessToken())
              .status());
      assertEquals(
          204,
          http.delete("/api/groups/" + id + "/members/" + bob.phone(), bob.accessToken()).status());
      assertCode(403, http.get("/api/groups/" + id, bob.accessToken()));
    }
  }

  @Test
  void readAndRecallWorkInGroups() {
    Users.Account alice = Users.register(http);
    Users.Account bob = Users.register(http);
    Users.Account carol = Users.register(http);
    Friends.make(http, alice, bob);
    Friends.make(http, alice, carol);
    String conversation =
        http.post("/api/groups", group("G", bob, carol), alice.accessToken())
            .json()
            .getJsonObject("conversation")
            .getString("id");
    try (WsClient a = Friends.ready(system.port(), alice.accessToken());
        WsClient b = Friends.ready(system.port(), bob.accessToken());
        WsClient c = Friends.ready(system.port(), carol.accessToken())) {
      JsonObject sent = Friends.send(a, conversation, "to recall");
      b.awaitType("message.new");
      assertEquals(
          "ack",
          b.request(
                  "message.read",
                  new JsonObject()
                      .put("conversationId", conversation)
                      .put("seq", sent.getLong("seq")))
              .getString("type"));
      assertEquals(
          bob.phone(), a.awaitType("message.read").getJsonObject("payload").getString("reader"));
      assertEquals(
          bob.phone(), c.awaitType("message.read").getJsonObject("payload").getString("reader"));
      assertEquals(
          "ack",
          a.request("message.recall", new JsonObject().put("messageId", sent.getString("id")))
              .getString("type"));
      assertEquals(
          sent.getString("id"),
          c.awaitType("message.recalled").getJsonObject("payload").getString("messageId"));
    }
  }

  private JsonObject lastMessage(Users.Account account, String conversation) {
    JsonArray messages =
        http.get("/api/conversations/" + conversation + "/messages?limit=1", account.accessToken())
            .json()
            .getJsonArray("messages");
    return messages.getJsonObject(messages.size() - 1);
  }

  private static JsonObject group(String name, Users.Account... members) {
    JsonArray phones = new JsonArray();
    for (Users.Account member : members) {
      phones.add(member.phone());
    }
    return new JsonObject().put("name", name).put("members", phones);
  }

  private static List<String> phones(JsonArray users) {
    return users.stream().map(user -> ((JsonObject) user).getString("phone")).toList();
  }

  private static void assertCode(int status, Http.Response response) {
    assertEquals(status, response.status(), response.text());
    assertTrue(response.json().containsKey("error"), response.text());
  }
}
