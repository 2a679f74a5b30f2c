package chat.weiliao.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;

/**
 * Groups live in their conversation's document ({@code g_<groupId>}): the member list that guards
 * sending and history, when each member joined (ownership passes to the longest-standing one), and
 * the group's name, owner and notice.
 */
final class GroupStore {
  private final MongoClient mongo;

  GroupStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Serves {@link #countOwnedBy}; sparse, as direct conversations have no group. */
  Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(
        ConversationStore.CONVERSATIONS,
        new JsonObject().put("group.owner", 1),
        new IndexOptions().sparse(true).name("by_group_owner"));
  }

  Future<Long> countOwnedBy(String owner) {
    return mongo.count(ConversationStore.CONVERSATIONS, new JsonObject().put("group.owner", owner));
  }

  Future<JsonObject> create(String groupId, String name, String owner, Collection<String> members) {
    long now = System.currentTimeMillis();
    JsonObject joinedAt = new JsonObject();
    members.forEach(phone -> joinedAt.put(phone, phone.equals(owner) ? now - 1 : now));
    JsonObject document =
        new JsonObject()
            .put("_id", "g_" + groupId)
            .put("type", "group")
            .put("members", new JsonArray(java.util.List.copyOf(members)))
            .put("joinedAt", joinedAt)
            .put(
                "group",
                new JsonObject()
                    .put("id", groupId)
                    .put("name", name)
                    .put("owner", owner)
                    .put("notice", "")
                    .put("createdAt", now))
            .put("lastSeq", 0)
            .putNull("lastMessage")
            .put("readSeq", new JsonObject())
            .put("createdAt", now)
            .put("updatedAt", now);
    return mongo.insert(ConversationStore.CONVERSATIONS, document).map(document);
  }

  Future<Void> set(String conversationId, JsonObject groupFields) {
    JsonObject set = new JsonObject();
    groupFields.forEach(field -> set.put("group." + field.getKey(), field.getValue()));
    return update(conversationId, new JsonObject().put("$set", set));
  }

  Future<Void> add(String conversationId, Collection<String> phones) {
    long now = System.currentTimeMillis();
    JsonObject joined = new JsonObject();
    phones.forEach(phone -> joined.put("joinedAt." + phone, now));
    return update(
        conversationId,
        new JsonObject()
            .put(
                "$addToSet",
                new JsonObject()
                    .put(
                        "members",
                        new JsonObject()
                            .put("$each", new JsonArray(java.util.List.copyOf(phones)))))
            .put("$set", joined));
  }

  /**
   * Removes a member, handing ownership to {@code newOwner} when it is not null, but only if the
   * group is as the caller read it: {@code ownerSeen} still owns it and the member and the new
   * owner are still members. False if it changed meanwhile (a concurrent leave): then nothing is
   * written, so two leaves at once can never leave a departed member owning the group.
   */
  Future<Boolean> remove(String conversationId, String phone, String ownerSeen, String newOwner) {
    JsonArray mustBeMembers = new JsonArray().add(phone);
    JsonObject update =
        new JsonObject()
            // A member who leaves takes their own settings along: rejoining starts unpinned,
            // unmuted.
            .put(
                "$pull",
                new JsonObject()
                    .put("members", phone)
                    .put(ConversationStore.PINNED_BY, phone)
                    .put(ConversationStore.MUTED_BY, phone))
            .put("$unset", new JsonObject().put("joinedAt." + phone, ""));
    if (newOwner != null) {
      mustBeMembers.add(newOwner);
      update.put("$set", new JsonObject().put("group.owner", newOwner));
    }
    JsonObject asRead =
        new JsonObject()
            .put("_id", conversationId)
            .put("group.owner", ownerSeen)
            .put("members", new JsonObject().put("$all", mustBeMembers));
    return mongo
        .updateCollection(ConversationStore.CONVERSATIONS, asRead, update)
        .map(result -> result != null && result.getDocMatched() > 0);
  }

  private Future<Void> update(String conversationId, JsonObject update) {
    return mongo
        .updateCollection(
            ConversationStore.CONVERSATIONS, new JsonObject().put("_id", conversationId), update)
        .mapEmpty();
  }
}
