package chat.weiliao.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the contract's contact and request objects from stored documents. */
final class ContactViews {
  private final UserStore users;
  private final Presence presence;

  ContactViews(UserStore users, Presence presence) {
    this.users = users;
    this.presence = presence;
  }

  /** Contacts (user + remark + online + lastSeen) for stored contact documents, in order. */
  Future<List<JsonObject>> contacts(List<JsonObject> documents) {
    List<String> peers = documents.stream().map(doc -> doc.getString("peer")).toList();
    return Future.all(users.publicUsers(peers), presence.states(peers))
        .map(
            both -> {
              Map<String, JsonObject> profiles = both.resultAt(0);
              List<JsonObject> states = both.resultAt(1);
              List<JsonObject> contacts = new ArrayList<>();
              for (int i = 0; i < documents.size(); i++) {
                JsonObject user = profiles.get(peers.get(i));
                if (user != null) {
                  contacts.add(
                      user.copy()
                          .put("remark", documents.get(i).getString("remark", ""))
                          .mergeIn(states.get(i)));
                }
              }
              return contacts;
            });
  }

  Future<JsonObject> contact(JsonObject document) {
    return contacts(List.of(document)).map(list -> list.isEmpty() ? null : list.get(0));
  }

  /** Requests with fromUser and toUser filled in. */
  Future<List<JsonObject>> requests(Collection<JsonObject> documents) {
    Set<String> phones = new HashSet<>();
    documents.forEach(
        doc -> {
          phones.add(doc.getString("from"));
          phones.add(doc.getString("to"));
        });
    return users
        .publicUsers(phones)
        .map(profiles -> documents.stream().map(doc -> request(doc, profiles)).toList());
  }

  Future<JsonObject> request(JsonObject document) {
    return requests(List.of(document)).map(list -> list.get(0));
  }

  private static JsonObject request(JsonObject doc, Map<String, JsonObject> profiles) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("from", doc.getString("from"))
        .put("to", doc.getString("to"))
        .put("greeting", doc.getString("greeting", ""))
        .put("status", doc.getString("status"))
        .put("createdAt", doc.getLong("createdAt"))
        .put("fromUser", profiles.get(doc.getString("from")))
        .put("toUser", profiles.get(doc.getString("to")));
  }
}
