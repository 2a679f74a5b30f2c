package chat.weiliao.chat;

import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.EventPayloads.GroupUpdatedPayload;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What follows every stored change to a group: a system message in it (when anyone is left to read
 * it) and {@code group.updated} to its members, prepared to publish once the change is answered.
 */
final class GroupChanges {
  private final ConversationStore conversations;
  private final MessageHandlers sender;
  private final Fanout fanout;
  private final UserApi users;

  GroupChanges(
      ConversationStore conversations, MessageHandlers sender, Fanout fanout, UserApi users) {
    this.conversations = conversations;
    this.sender = sender;
    this.fanout = fanout;
    this.users = users;
  }

  /** What a change produced: the conversation after it, the group view, and what to publish. */
  record Change(JsonObject conversation, JsonObject profiles, JsonObject group, Runnable publish) {}

  /** A change being written up: what happened, and what each step found. */
  private static final class Writeup {
    final String id;
    final String actor;
    final String event;
    final Function<String, String> text;
    final List<String> alsoNotify;
    List<String> members;
    JsonObject profiles;
    JsonObject group;

    /** Publishes the system message, once the change is answered (null: nothing to publish). */
    Runnable notice;

    Writeup(
        String id,
        String actor,
        String event,
        Function<String, String> text,
        List<String> alsoNotify) {
      this.id = id;
      this.actor = actor;
      this.event = event;
      this.text = text;
      this.alsoNotify = alsoNotify;
    }
  }

  /**
   * After a stored change: writes its system message (when anyone is left to read it) and prepares
   * {@code group.updated} for the members and for {@code alsoNotify}.
   */
  Future<Change> written(
      String id,
      String actor,
      String event,
      Function<String, String> text,
      List<String> alsoNotify) {
    Writeup writeup = new Writeup(id, actor, event, text, alsoNotify);
    return conversations
        .find(id)
        .compose(conversation -> withProfiles(writeup, conversation))
        .compose(this::writeNotice)
        .compose(this::asChange);
  }

  private Future<Writeup> withProfiles(Writeup writeup, JsonObject conversation) {
    writeup.members = GroupViews.members(conversation);
    List<String> profileOf = new ArrayList<>(writeup.members);
    profileOf.add(writeup.actor);
    return users
        .profiles(writeup.actor, profileOf)
        .map(
            profiles -> {
              writeup.profiles = profiles;
              writeup.group = GroupViews.group(conversation, profiles);
              return writeup;
            });
  }

  private Future<Writeup> writeNotice(Writeup writeup) {
    if (writeup.members.isEmpty()) {
      return Future.succeededFuture(writeup);
    }
    JsonObject actorProfile = writeup.profiles.getJsonObject(writeup.actor);
    String actorName =
        actorProfile == null ? writeup.actor : actorProfile.getString("nickname", writeup.actor);
    JsonObject content =
        new JsonObject().put("text", writeup.text.apply(actorName)).put("event", writeup.event);
    return sender
        .append(
            Messages.draft(
                writeup.id,
                Messages.SYSTEM,
                "system",
                content,
                Messages.SERVER_ID_PREFIX + "group:" + UUID.randomUUID()),
            null,
            true)
        .map(
            sent -> {
              writeup.notice = sent.afterReply();
              return writeup;
            });
  }

  /** The conversation as it is after the notice, and the events to publish once answered. */
  private Future<Change> asChange(Writeup writeup) {
    return conversations
        .find(writeup.id)
        .map(
            latest -> {
              JsonArray notified = new JsonArray(new ArrayList<>(writeup.members));
              writeup.alsoNotify.forEach(notified::add);
              Runnable publish =
                  () -> {
                    fanout.toMembers(
                        notified,
                        ClientEvents.GROUP_UPDATED,
                        new GroupUpdatedPayload(Wire.of(writeup.group)),
                        null,
                        null);
                    if (writeup.notice != null) {
                      writeup.notice.run();
                    }
                  };
              return new Change(latest, writeup.profiles, writeup.group, publish);
            });
  }
}
