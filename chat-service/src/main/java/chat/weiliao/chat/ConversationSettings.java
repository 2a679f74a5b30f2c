package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi.SettingsChange;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.contract.ContractObjects.Conversation;
import chat.weiliao.common.contract.EventPayloads.ConversationUpdatedPayload;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A member's own settings of a conversation (contract 5.2): pinned (first in every list) and muted
 * (no push). They are the caller's alone, so only the caller's connections hear of a change.
 */
final class ConversationSettings {
  /**
   * Pinned conversations all lead the first page of a list, whose default size is 200, so a bound
   * below it keeps that promise and keeps the ready frame's size bounded.
   */
  static final int MAX_PINNED = 100;

  private final ConversationStore conversations;
  private final ConversationLists lists;
  private final Fanout fanout;

  ConversationSettings(ConversationStore conversations, ConversationLists lists, Fanout fanout) {
    this.conversations = conversations;
    this.lists = lists;
    this.fanout = fanout;
  }

  /** Who changes which of their settings. */
  private record Change(String caller, String conversationId, Boolean pinned, Boolean muted) {
    static Change of(String caller, SettingsChange asked) {
      return new Change(caller, asked.conversationId(), asked.pinned(), asked.muted());
    }
  }

  Future<Answer<Wire<Conversation>>> update(BusCall call, SettingsChange asked) {
    Change change = Change.of(call.caller(), asked);
    return conversations
        .forMember(change.conversationId(), change.caller())
        .compose(conversation -> roomToPin(change, conversation))
        .compose(this::apply)
        .compose(updated -> lists.one(updated, change.caller()))
        .map(
            summary ->
                Answer.of(Wire.<Conversation>of(summary))
                    .then(() -> announce(change.caller(), summary)));
  }

  /**
   * Refuses a new pin past {@link #MAX_PINNED}; re-pinning a pinned one, or unpinning, is always
   * fine.
   */
  private Future<Change> roomToPin(Change change, JsonObject conversation) {
    if (!Boolean.TRUE.equals(change.pinned())
        || ConversationStore.isPinned(conversation, change.caller())) {
      return Future.succeededFuture(change);
    }
    return conversations
        .pinnedCount(change.caller())
        .map(
            pinned -> {
              if (pinned >= MAX_PINNED) {
                throw ApiException.invalid(
                    "You can pin at most " + MAX_PINNED + " chats; unpin one first");
              }
              return change;
            });
  }

  private Future<JsonObject> apply(Change change) {
    return conversations
        .updateSettings(change.conversationId(), change.caller(), change.pinned(), change.muted())
        .map(
            updated -> {
              if (updated == null) {
                throw ApiException.forbidden("You are not a member of this conversation");
              }
              return updated;
            });
  }

  private void announce(String caller, JsonObject summary) {
    fanout.toMembers(
        new JsonArray().add(caller),
        ClientEvents.CONVERSATION_UPDATED,
        new ConversationUpdatedPayload(Wire.of(summary)),
        caller,
        null);
  }
}
