package chat.weiliao.chat;

import static chat.weiliao.chat.MongoFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation summary only moves forward: two chat-services may record a conversation's
 * messages in either order, and a retried send never undoes a recall in the summary.
 */
class ConversationStoreTest {
  private static final String ALICE = "13800000001";
  private static final String BOB = "13800000002";
  private static final String ID = "d_" + ALICE + "_" + BOB;
  private MongoFixture store;
  private ConversationStore conversations;

  @BeforeEach
  void start() throws Exception {
    store = new MongoFixture();
    conversations = new ConversationStore(store.mongo);
    await(conversations.openDirect(ID, ALICE, BOB, 0));
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
  }

  @Test
  void aMessageRecordedLateDoesNotReplaceANewerOne() throws Exception {
    await(conversations.recordMessage(message(2, BOB, "second")));
    await(conversations.recordMessage(message(1, ALICE, "first")));

    JsonObject conversation = await(conversations.find(ID));
    assertEquals(2L, conversation.getLong("lastSeq"));
    assertEquals(
        "second",
        conversation.getJsonObject("lastMessage").getJsonObject("content").getString("text"));
    assertEquals(2L, ConversationStore.readSeq(conversation, BOB));
    assertEquals(
        1L, ConversationStore.readSeq(conversation, ALICE), "the sender has read its own message");

    await(conversations.recordMessage(message(3, ALICE, "third")));
    conversation = await(conversations.find(ID));
    assertEquals(3L, conversation.getLong("lastSeq"));
    assertEquals(
        "third",
        conversation.getJsonObject("lastMessage").getJsonObject("content").getString("text"));
    assertEquals(3L, ConversationStore.readSeq(conversation, ALICE));
    assertEquals(2L, ConversationStore.readSeq(conversation, BOB));
  }

  @Test
  void aRetriedSendDoesNotUndoARecallInTheSummary() throws Exception {
    JsonObject sent = message(1, ALICE, "oops");
    await(conversations.recordMessage(sent));
    await(conversations.markLastRecalled(ID, sent.getString("id")));
    await(conversations.recordMessage(sent));

    JsonObject last = await(conversations.find(ID)).getJsonObject("lastMessage");
    assertEquals(true, last.getBoolean("recalled"));
    assertEquals(null, last.getValue("content"));
  }

  @Test
  void anOpenOfAnEarlierEpochCannotUndoAClose() throws Exception {
    await(conversations.closeDirect(ID, ALICE, BOB, 1));
    assertEquals(false, await(conversations.openDirect(ID, ALICE, BOB, 0)), "a stale accept");
    assertEquals(false, await(conversations.find(ID)).getBoolean("open"));
    assertEquals(
        true,
        await(conversations.openDirect(ID, ALICE, BOB, 1)),
        "a request sent after the deletion");
    assertEquals(true, await(conversations.find(ID)).getBoolean("open"));
  }

  private static JsonObject message(long seq, String from, String text) {
    JsonObject draft =
        Messages.draft(ID, from, "text", new JsonObject().put("text", text), "c" + seq);
    return Messages.toJson(draft.put("_id", Ids.newMessageId()).put("seq", seq));
  }
}
