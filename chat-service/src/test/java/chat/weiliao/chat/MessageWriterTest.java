package chat.weiliao.chat;

import static chat.weiliao.chat.MongoFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batched write path against a real MongoDB-wire server: seqs consecutive in arrival order,
 * repeats answered with the first message inside a batch and across batches, refusals that cost the
 * rest of a batch nothing, two instances racing for one conversation, and a summary a crash left
 * behind its messages.
 */
class MessageWriterTest {
  private static final String ALICE = "13800000001";
  private static final String BOB = "13800000002";
  private static final String CAROL = "13800000003";
  private static final String ID = "d_" + ALICE + "_" + BOB;
  private MongoFixture store;
  private Vertx vertx;
  private ConversationStore conversations;
  private MessageStore messages;

  @BeforeEach
  void start() throws Exception {
    store = new MongoFixture();
    vertx = store.vertx;
    conversations = new ConversationStore(store.mongo);
    messages = new MessageStore(store.mongo);
    await(messages.createIndexes());
    await(conversations.openDirect(ID, ALICE, BOB, 0));
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
  }

  @Test
  void aBurstIsStoredWithConsecutiveSeqsInArrivalOrder() throws Exception {
    MessageWriter writer = writer(conversations, messages);
    List<MessageWriter.Appended> appended =
        sendAll(writer, 300, i -> draft(i % 2 == 0 ? ALICE : BOB, "c" + i));

    for (int i = 0; i < appended.size(); i++) {
      assertEquals(i + 1L, appended.get(i).message().getLong("seq"));
      assertEquals("c" + i, appended.get(i).message().getString("clientMsgId"));
      assertFalse(appended.get(i).repeated());
    }
    JsonObject conversation = await(conversations.find(ID));
    assertEquals(300L, conversation.getLong("lastSeq"));
    assertEquals(
        appended.get(299).message(),
        conversation.getJsonObject("lastMessage"),
        "the summary is the contract's message object");
    assertEquals(
        299L,
        ConversationStore.readSeq(conversation, ALICE),
        "each sender has read its own latest");
    assertEquals(300L, ConversationStore.readSeq(conversation, BOB));
  }

  @Test
  void aRepeatedClientMsgIdIsAnsweredWithTheFirstMessageAndLeavesNoGap() throws Exception {
    MessageWriter writer = writer(conversations, messages);
    // c1 twice in the same burst (one batch or two), then again later.
    List<MessageWriter.Appended> appended =
        sendAll(writer, 5, i -> draft(ALICE, List.of("c0", "c1", "c1", "c2", "c3").get(i)));
    MessageWriter.Appended later = await(onContext(() -> writer.append(draft(ALICE, "c1"), false)));

    String first = appended.get(1).message().getString("id");
    assertTrue(appended.get(2).repeated());
    assertEquals(first, appended.get(2).message().getString("id"));
    assertTrue(later.repeated());
    assertEquals(first, later.message().getString("id"));
    assertEquals(
        List.of(1L, 2L, 2L, 3L, 4L),
        appended.stream().map(a -> a.message().getLong("seq")).toList());
    assertEquals(4L, await(messages.lastSeq(ID)));
  }

  @Test
  void aRefusedDraftCostsTheRestOfItsBatchNothing() throws Exception {
    MessageWriter writer = writer(conversations, messages);
    List<Future<MessageWriter.Appended>> sends =
        onContextAll(
            () ->
                List.of(
                    writer.append(draft(ALICE, "a"), false),
                    writer.append(draft(CAROL, "intruder"), false),
                    writer.append(
                        Messages.draft(
                            "g_nosuchgroup", ALICE, "text", new JsonObject().put("text", "x"), "b"),
                        false),
                    writer.append(draft(BOB, "c"), false)));

    assertEquals(1L, await(sends.get(0)).message().getLong("seq"));
    assertEquals(ErrorCode.FORBIDDEN, refusal(sends.get(1)));
    assertEquals(ErrorCode.NOT_FOUND, refusal(sends.get(2)));
    assertEquals(2L, await(sends.get(3)).message().getLong("seq"));
  }

  @Test
  void twoInstancesWritingOneConversationLeaveNoGapAndNoRepeat() throws Exception {
    MessageWriter one = writer(conversations, messages);
    MessageWriter two = writer(conversations, messages);
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    List<Future<MessageWriter.Appended>> sends = new ArrayList<>();
    sends.addAll(onContextAll(first, () -> sendAsync(one, 200, i -> draft(ALICE, "a" + i))));
    sends.addAll(onContextAll(second, () -> sendAsync(two, 200, i -> draft(BOB, "b" + i))));

    Set<Long> seqs = new HashSet<>();
    for (Future<MessageWriter.Appended> send : sends) {
      assertTrue(seqs.add(await(send).message().getLong("seq")), "no seq twice");
    }
    assertEquals(400, seqs.size());
    assertEquals(400L, await(messages.lastSeq(ID)));
    assertEquals(400L, await(conversations.find(ID)).getLong("lastSeq"));
  }

  @Test
  void aSummaryLeftBehindByACrashIsCaughtUpWith() throws Exception {
    // A crash between the insert and the summary update: seq 1 stored, the summary still at 0.
    await(
        store.mongo.insert(
            MessageStore.MESSAGES,
            draft(ALICE, "before-crash").put("_id", Ids.newMessageId()).put("seq", 1L)));
    MessageWriter writer = writer(conversations, messages);

    MessageWriter.Appended next =
        await(onContext(() -> writer.append(draft(BOB, "after-restart"), false)));
    assertEquals(2L, next.message().getLong("seq"));
    assertEquals(2L, await(conversations.find(ID)).getLong("lastSeq"));
  }

  @Test
  void aStoreThatNeverAnswersFailsEachBatchInsteadOfHoldingEveryLaterSend() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Accepts connections and never answers: a hung connection to the store.
      MongoClient stuck =
          MongoClient.create(
              vertx,
              new JsonObject()
                  .put("connection_string", "mongodb://127.0.0.1:" + silent.getLocalPort())
                  .put("db_name", "test"));
      MessageWriter writer =
          new MessageWriter(vertx, new ConversationStore(stuck), new MessageStore(stuck), 500);

      Future<MessageWriter.Appended> first =
          onContext(() -> writer.append(draft(ALICE, "x1"), false));
      assertEquals(ErrorCode.UNAVAILABLE, refusal(first));
      // The next batch was not queued behind the stuck one: it is given up after its own timeout
      // too.
      long started = System.nanoTime();
      Future<MessageWriter.Appended> second =
          onContext(() -> writer.append(draft(ALICE, "x2"), false));
      assertEquals(ErrorCode.UNAVAILABLE, refusal(second));
      assertTrue(
          System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5),
          "answered after its own timeout");
      stuck.close();
    }
  }

  private MessageWriter writer(ConversationStore conversations, MessageStore messages) {
    return new MessageWriter(vertx, conversations, messages, 10_000);
  }

  private static JsonObject draft(String from, String clientMsgId) {
    return Messages.draft(
        ID, from, "text", new JsonObject().put("text", "hello " + clientMsgId), clientMsgId);
  }

  private List<MessageWriter.Appended> sendAll(
      MessageWriter writer, int count, java.util.function.IntFunction<JsonObject> draft)
      throws Exception {
    List<MessageWriter.Appended> all = new ArrayList<>();
    for (Future<MessageWriter.Appended> send :
        onContextAll(() -> sendAsync(writer, count, draft))) {
      all.add(await(send));
    }
    return all;
  }

  private static List<Future<MessageWriter.Appended>> sendAsync(
      MessageWriter writer, int count, java.util.function.IntFunction<JsonObject> draft) {
    List<Future<MessageWriter.Appended>> sends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sends.add(writer.append(draft.apply(i), false));
    }
    return sends;
  }

  private static ErrorCode refusal(Future<?> send) {
    try {
      send.await(10, TimeUnit.SECONDS);
    } catch (Exception failure) {
      return assertInstanceOf(ApiException.class, failure).code();
    }
    throw new AssertionError("accepted");
  }

  /** The writer is event-loop confined: everything it is asked happens on one context. */
  private <T> Future<T> onContext(Supplier<Future<T>> action) throws Exception {
    return onContextAll(() -> List.of(action.get())).get(0);
  }

  private <T> List<Future<T>> onContextAll(Supplier<List<Future<T>>> action) throws Exception {
    return onContextAll(vertx.getOrCreateContext(), action);
  }

  private static <T> List<Future<T>> onContextAll(Context context, Supplier<List<Future<T>>> action)
      throws Exception {
    CompletableFuture<List<Future<T>>> started = new CompletableFuture<>();
    context.runOnContext(nothing -> started.complete(action.get()));
    return started.get(10, TimeUnit.SECONDS);
  }
}
