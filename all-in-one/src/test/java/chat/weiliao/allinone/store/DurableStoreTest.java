package chat.weiliao.allinone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable embedded store: writes that arrive together share a commit, the file gives back what
 * deleted data took, a file cut short reopens at its last whole commit, a damaged one is refused by
 * name, and a file of Weiliao 1.0's layout is converted with its data.
 */
class DurableStoreTest {
  private final Vertx vertx = Vertx.vertx();
  private Path dir;
  private Path file;
  private MongoServer server;
  private MongoClient mongo;

  @BeforeEach
  void createDirectory() throws Exception {
    dir = Files.createTempDirectory("weiliao-store");
    file = dir.resolve("mongo.mv");
  }

  @AfterEach
  void stop() throws Exception {
    close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void writesThatArriveTogetherShareACommit() throws Exception {
    DurableH2Backend backend = open(GroupCommit.Fsync.ALWAYS);
    long versionBefore = backend.getMvStore().getCurrentVersion();
    List<Future<String>> inserts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      inserts.add(
          mongo.insert("messages", new JsonObject().put("_id", "m" + i).put("text", "hello " + i)));
    }
    await(Future.all(inserts));
    long commits = backend.getMvStore().getCurrentVersion() - versionBefore;
    assertTrue(commits < 400, "400 concurrent inserts took " + commits + " commits");

    close();
    open(GroupCommit.Fsync.EVERYSEC);
    assertEquals(
        400L,
        await(mongo.count("messages", new JsonObject())),
        "every acknowledged insert is in the file");
  }

  @Test
  void theFileShrinksInTheBackgroundAfterMostOfItsDataIsDeleted() throws Exception {
    open(GroupCommit.Fsync.EVERYSEC);
    String text = "x".repeat(2_000);
    for (int batch = 0; batch < 20; batch++) {
      int first = batch * 1_000;
      await(
          Future.all(
              IntStream.range(first, first + 1_000)
                  .mapToObj(
                      i ->
                          mongo.insert(
                              "media", new JsonObject().put("_id", "f" + i).put("data", text)))
                  .toList()));
    }
    long peak = Files.size(file);
    await(
        mongo.removeDocuments(
            "media", new JsonObject().put("_id", new JsonObject().put("$gte", "f1"))));
    assertEquals(1L, await(mongo.count("media", new JsonObject())));

    long size = peak;
    long deadline = System.currentTimeMillis() + 30_000;
    while (size > peak / 4 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100); // polls the compactor's progress
      size = Files.size(file);
    }
    assertTrue(size <= peak / 4, "the file went from " + peak + " to " + size + " bytes");
    close();
    open(GroupCommit.Fsync.ALWAYS);
    assertEquals(
        text,
        await(mongo.findOne("media", new JsonObject().put("_id", "f0"), null)).getString("data"));
  }

  @Test
  void aFileCutShortReopensAtItsLastWholeCommit() throws Exception {
    open(GroupCommit.Fsync.ALWAYS);
    for (int i = 0; i < 50; i++) {
      await(mongo.insert("messages", new JsonObject().put("_id", i).put("text", "kept " + i)));
    }
    close();
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.setLength(raw.length() - 3_000); // a torn last write: the tail of the last chunks is gone
    }

    open(GroupCommit.Fsync.ALWAYS);
    long kept = await(mongo.count("messages", new JsonObject()));
    assertTrue(kept > 0, "an earlier commit survives");
    for (int i = 0; i < kept; i++) {
      assertEquals(
          "kept " + i,
          await(mongo.findOne("messages", new JsonObject().put("_id", i), null)).getString("text"),
          "what survives is a prefix of the commits, whole");
    }
    await(
        mongo.insert("messages", new JsonObject().put("_id", 1_000).put("text", "written after")));
  }

  @Test
  void aDamagedFileIsRefusedWithItsName() throws Exception {
    byte[] garbage = new byte[64 << 10];
    new Random(7).nextBytes(garbage);
    Files.write(file, garbage);
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> DurableH2Backend.open(file, GroupCommit.Fsync.ALWAYS));
    assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
  }

  @Test
  void aFileOfTheFirstVersionsLayoutIsConvertedWithItsData() throws Exception {
    H2Backend legacy = new H2Backend(new MVStore.Builder().fileName(file.toString()).open());
    serve(legacy);
    await(
        mongo.createIndexWithOptions(
            "messages",
            new JsonObject().put("conversationId", 1).put("seq", 1),
            new IndexOptions().unique(true).name("conversation_seq_unique")));
    for (int i = 1; i <= 30; i++) {
      await(
          mongo.insert(
              "messages",
              new JsonObject().put("_id", "m" + i).put("conversationId", "d_1_2").put("seq", i)));
    }
    close();

    open(GroupCommit.Fsync.ALWAYS);
    assertEquals(
        30L, await(mongo.count("messages", new JsonObject().put("conversationId", "d_1_2"))));
    assertThrows(
        Exception.class,
        () ->
            await(
                mongo.insert(
                    "messages",
                    new JsonObject()
                        .put("_id", "m99")
                        .put("conversationId", "d_1_2")
                        .put("seq", 7))),
        "the unique index holds");
    close();
    try (MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
      assertTrue(
          reopened.getMapNames().stream().noneMatch(name -> name.startsWith("databases.")),
          "no map of the old layout is left: " + reopened.getMapNames());
    }
  }

  /**
   * Every in-memory index is filled again when the store reopens (in one read of the collection):
   * the messages' two unique indexes still refuse what they refused before, and each index, the
   * unique ones by their leading key too, finds the documents written, updated and deleted before.
   */
  @Test
  void aReopenedStoreAnswersEveryIndexBackedQuery() throws Exception {
    open(GroupCommit.Fsync.ALWAYS);
    createMessageIndexes();
    await(
        mongo.createIndexWithOptions(
            "messages", new JsonObject().put("to", 1), new IndexOptions().name("by_recipient")));
    for (int seq = 1; seq <= 40; seq++) {
      await(mongo.insert("messages", message("d_a_b", seq, seq % 2 == 0 ? "a" : "b")));
    }
    await(mongo.insert("messages", message("d_a_c", 1, "c")));
    await(mongo.removeDocument("messages", new JsonObject().put("_id", "d_a_b:40")));
    await(
        mongo.updateCollection(
            "messages",
            new JsonObject().put("_id", "d_a_b:39"),
            new JsonObject().put("$set", new JsonObject().put("to", "z"))));
    close();

    open(GroupCommit.Fsync.ALWAYS);
    createMessageIndexes(); // as the chat service does at every start
    assertEquals(
        List.of("d_a_b:39"),
        ids(new JsonObject().put("conversationId", "d_a_b").put("seq", 39)),
        "conversation_seq_unique by its keys");
    assertEquals(
        List.of("d_a_b:38", "d_a_b:39"),
        ids(
            new JsonObject()
                .put("conversationId", "d_a_b")
                .put("seq", new JsonObject().put("$gt", 37))),
        "conversation_seq_unique by its leading key");
    assertEquals(
        List.of("d_a_c:1"),
        ids(new JsonObject().put("from", "c").put("clientMsgId", "c-d_a_c-1")),
        "sender_client_id_unique by its keys");
    assertEquals(20, ids(new JsonObject().put("from", "b")).size(), "by its leading key");
    assertEquals(List.of("d_a_b:39"), ids(new JsonObject().put("to", "z")), "by_recipient");
    assertEquals(List.of(), ids(new JsonObject().put("_id", "d_a_b:40")), "the deleted one");
    assertRefused(message("d_a_b", 7, "x"), "a seq the conversation holds");
    assertRefused(
        message("d_other", 1, "b").put("clientMsgId", "b-d_a_b-3"), "a repeated clientMsgId");
    await(mongo.insert("messages", message("d_a_b", 40, "a"))); // the deleted seq is free again
  }

  /**
   * A clean stop writes the unique indexes into the file and the next open reads them back instead
   * of rebuilding them; that open removes the snapshot before serving, so a crash after it finds
   * none and rebuilds from the documents, with everything written after the snapshot.
   */
  @Test
  void aSnapshotOfTheIndexesIsReadOnlyByTheOpenAfterTheCleanStopThatWroteIt() throws Exception {
    open(GroupCommit.Fsync.ALWAYS);
    createMessageIndexes();
    for (int seq = 1; seq <= 40; seq++) {
      await(mongo.insert("messages", message("d_a_b", seq, seq % 2 == 0 ? "a" : "b")));
    }
    close();
    assertEquals(3, snapshotMaps(file).size(), "the meta and one map per compound unique index");

    open(GroupCommit.Fsync.ALWAYS);
    createMessageIndexes();
    assertRefused(message("d_a_b", 40, "x"), "a seq the restored index holds");
    await(mongo.insert("messages", message("d_a_b", 41, "b")));
    Path crashed = dir.resolve("crashed.mv");
    Files.copy(file, crashed); // the file as a crash right after that acked insert leaves it
    close();
    assertEquals(List.of(), snapshotMaps(crashed), "the first commit after the open removed it");

    file = crashed;
    open(GroupCommit.Fsync.ALWAYS);
    assertEquals(
        List.of("d_a_b:39", "d_a_b:40", "d_a_b:41"),
        ids(
            new JsonObject()
                .put("conversationId", "d_a_b")
                .put("seq", new JsonObject().put("$gt", 38))),
        "rebuilt from the documents, with the write after the snapshot");
    assertRefused(message("d_a_b", 41, "x"), "the seq written after the snapshot");
    assertRefused(
        message("d_other", 1, "b").put("clientMsgId", "b-d_a_b-41"), "its clientMsgId too");
  }

  /**
   * A build that does not know snapshots leaves one in the file and commits after it; the version
   * the snapshot recorded no longer fits, so it is not read even where the number of documents is
   * the same again.
   */
  @Test
  void aSnapshotOlderThanTheFilesLastCommitIsNotRead() throws Exception {
    open(GroupCommit.Fsync.ALWAYS);
    createMessageIndexes();
    for (int seq = 1; seq <= 3; seq++) {
      await(mongo.insert("messages", message("d_a_b", seq, "a")));
    }
    close();
    try (MVStore raw = new MVStore.Builder().fileName(file.toString()).open()) {
      var documents = TypedH2Database.documents(raw, "docs.weiliao.messages");
      var moved = documents.remove("d_a_b:3");
      moved.put("_id", "d_a_b:4");
      moved.put("seq", 4);
      moved.put("clientMsgId", "a-d_a_b-4");
      documents.put("d_a_b:4", moved);
      raw.commit();
    }

    open(GroupCommit.Fsync.ALWAYS);
    assertRefused(message("d_a_b", 4, "x"), "the seq written after the snapshot");
    await(mongo.insert("messages", message("d_a_b", 3, "a"))); // free since that commit
  }

  private static List<String> snapshotMaps(Path storeFile) {
    try (MVStore raw = new MVStore.Builder().fileName(storeFile.toString()).readOnly().open()) {
      return raw.getMapNames().stream().filter(name -> name.startsWith("snapshot")).toList();
    }
  }

  @Test
  void aFileWhoseDocumentsBreakAUniqueIndexIsRefusedNamingCollectionAndIndex() throws Exception {
    open(GroupCommit.Fsync.ALWAYS);
    createMessageIndexes();
    await(mongo.insert("messages", message("d_a_b", 1, "a")));
    close();
    try (MVStore raw = new MVStore.Builder().fileName(file.toString()).open()) {
      // A second document with the same conversation and seq, which no command could have stored.
      var documents = TypedH2Database.documents(raw, "docs.weiliao.messages");
      var copy = documents.get("d_a_b:1").clone();
      copy.put("_id", "copy");
      copy.put("clientMsgId", "another");
      documents.put("copy", copy);
      raw.commit();
    }
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> DurableH2Backend.open(file, GroupCommit.Fsync.ALWAYS));
    for (String named : List.of(file.toString(), "weiliao.messages", "conversation_seq_unique")) {
      assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }
  }

  private void createMessageIndexes() throws Exception {
    await(
        mongo.createIndexWithOptions(
            "messages",
            new JsonObject().put("conversationId", 1).put("seq", 1),
            new IndexOptions().unique(true).name("conversation_seq_unique")));
    await(
        mongo.createIndexWithOptions(
            "messages",
            new JsonObject().put("from", 1).put("clientMsgId", 1),
            new IndexOptions().unique(true).name("sender_client_id_unique")));
  }

  private static JsonObject message(String conversation, int seq, String from) {
    return new JsonObject()
        .put("_id", conversation + ":" + seq)
        .put("conversationId", conversation)
        .put("seq", seq)
        .put("from", from)
        .put("to", "someone")
        .put("clientMsgId", from + "-" + conversation + "-" + seq);
  }

  private List<String> ids(JsonObject query) throws Exception {
    return await(mongo.find("messages", query)).stream()
        .map(found -> found.getString("_id"))
        .sorted()
        .toList();
  }

  private void assertRefused(JsonObject document, String what) {
    Exception refused =
        assertThrows(Exception.class, () -> await(mongo.insert("messages", document)), what);
    assertTrue(refused.getMessage().contains("E11000"), what + ": " + refused.getMessage());
  }

  private DurableH2Backend open(GroupCommit.Fsync fsync) {
    DurableH2Backend backend = DurableH2Backend.open(file, fsync);
    serve(backend);
    return backend;
  }

  private void serve(MongoBackend backend) {
    server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0), 0, 16);
    mongo =
        MongoClient.create(
            vertx,
            new JsonObject()
                .put(
                    "connection_string",
                    "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/weiliao"));
  }

  private void close() throws Exception {
    if (mongo != null) {
      mongo.close().await(10, TimeUnit.SECONDS);
      mongo = null;
    }
    if (server != null) {
      server.shutdown();
      server = null;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }
}
