package chat.weiliao.allinone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.weiliao.allinone.EmbeddedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded store answers queries its indexes serve exactly as a scan would: the same documents,
 * sorted and limited, after inserts, updates and deletes, and after the file store reopens. Unique
 * indexes still refuse duplicates.
 */
class EmbeddedIndexesTest {
  private final Vertx vertx = Vertx.vertx();
  private EmbeddedStores stores;
  private MongoClient mongo;

  @BeforeEach
  void start() throws Exception {
    open(null);
  }

  @AfterEach
  void stop() throws Exception {
    close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aMultikeyIndexFindsTheDocumentsThatHoldAValue() throws Exception {
    await(
        mongo.createIndexWithOptions(
            "conversations",
            new JsonObject().put("members", 1).put("updatedAt", -1),
            new IndexOptions().name("by_member_recent")));
    for (int i = 0; i < 30; i++) {
      await(
          mongo.insert(
              "conversations",
              new JsonObject()
                  .put("_id", "c" + i)
                  .put("updatedAt", i)
                  .put("members", List.of("p" + i % 3, "p" + (i % 3 + 1)))));
    }
    assertEquals(
        List.of("c27", "c24", "c21"),
        ids(
            mongo.findWithOptions(
                "conversations",
                new JsonObject().put("members", "p0"),
                new FindOptions().setSort(new JsonObject().put("updatedAt", -1)).setLimit(3))));
    assertEquals(20, await(mongo.count("conversations", new JsonObject().put("members", "p1"))));

    await(
        mongo.updateCollection(
            "conversations",
            new JsonObject().put("_id", "c27"),
            new JsonObject()
                .put("$pull", new JsonObject().put("members", "p0"))
                .put("$set", new JsonObject().put("updatedAt", 100))));
    await(mongo.removeDocument("conversations", new JsonObject().put("_id", "c24")));
    await(
        mongo.updateCollection(
            "conversations",
            new JsonObject().put("_id", "c1"),
            new JsonObject().put("$push", new JsonObject().put("members", "p0"))));
    assertEquals(
        List.of("c21", "c18", "c15"),
        ids(
            mongo.findWithOptions(
                "conversations",
                new JsonObject().put("members", "p0"),
                new FindOptions().setSort(new JsonObject().put("updatedAt", -1)).setLimit(3))));
    assertEquals(
        List.of("c0", "c1"),
        ids(
                mongo.find(
                    "conversations",
                    new JsonObject()
                        .put("members", "p0")
                        .put("updatedAt", new JsonObject().put("$lt", 2))))
            .stream()
            .sorted()
            .toList());
    assertEquals(
        List.of("c0", "c1"),
        ids(
                mongo.find(
                    "conversations",
                    new JsonObject()
                        .put("members", "p0")
                        .put(
                            "$or",
                            List.of(
                                new JsonObject().put("_id", "c1"),
                                new JsonObject().put("_id", "c0")))))
            .stream()
            .sorted()
            .toList());
  }

  @Test
  void aUniqueCompoundIndexServesRangesOnItsLeadingKeyAndStillRefusesDuplicates() throws Exception {
    createMessageIndex();
    insertMessages(0, 50);
    assertEquals(
        List.of(11L, 12L, 13L),
        seqs(
            mongo.findWithOptions(
                "messages",
                new JsonObject()
                    .put("conversationId", "d_1")
                    .put("seq", new JsonObject().put("$gt", 10)),
                new FindOptions().setSort(new JsonObject().put("seq", 1)).setLimit(3))));
    assertEquals(
        List.of(25L, 24L),
        seqs(
            mongo.findWithOptions(
                "messages",
                new JsonObject().put("conversationId", "d_1"),
                new FindOptions().setSort(new JsonObject().put("seq", -1)).setLimit(2))));
    assertEquals(25, await(mongo.count("messages", new JsonObject().put("conversationId", "d_0"))));
    assertEquals(
        List.of(), seqs(mongo.find("messages", new JsonObject().put("conversationId", "d_2"))));

    Exception duplicate =
        assertThrows(
            Exception.class,
            () ->
                await(
                    mongo.insert(
                        "messages", new JsonObject().put("conversationId", "d_1").put("seq", 3L))));
    assertEquals(true, duplicate.getMessage().contains("E11000"), duplicate.getMessage());
    await(
        mongo.updateCollection(
            "messages",
            new JsonObject().put("_id", "d_1:3").put("recalled", false),
            new JsonObject().put("$set", new JsonObject().put("recalled", true))));
    assertEquals(
        1,
        await(mongo.count("messages", new JsonObject().put("_id", "d_1:3").put("recalled", true))));
    assertEquals(
        0,
        await(mongo.count("messages", new JsonObject().put("_id", "d_1:4").put("recalled", true))));
  }

  @Test
  void theFileStoreRebuildsItsLookupsWhenItReopens() throws Exception {
    Path dataDir = Files.createTempDirectory("weiliao-indexes");
    close();
    open(dataDir);
    createMessageIndex();
    await(
        mongo.createIndexWithOptions(
            "conversations",
            new JsonObject().put("members", 1),
            new IndexOptions().name("by_member")));
    insertMessages(0, 20);
    await(
        mongo.insert(
            "conversations", new JsonObject().put("_id", "d_1").put("members", List.of("a", "b"))));
    close();

    open(dataDir);
    assertEquals(
        10,
        await(
            mongo.count(
                "messages",
                new JsonObject()
                    .put("conversationId", "d_1")
                    .put("seq", new JsonObject().put("$gte", 1)))));
    assertEquals(
        List.of("d_1"), ids(mongo.find("conversations", new JsonObject().put("members", "b"))));
    assertThrows(
        Exception.class,
        () ->
            await(
                mongo.insert(
                    "messages", new JsonObject().put("conversationId", "d_1").put("seq", 3L))));
    insertMessages(20, 22);
    assertEquals(
        List.of(11L),
        seqs(
            mongo.find(
                "messages",
                new JsonObject()
                    .put("conversationId", "d_1")
                    .put("seq", new JsonObject().put("$gt", 10)))));
    await(mongo.removeDocuments("messages", new JsonObject().put("conversationId", "d_0")));
    assertEquals(0, await(mongo.count("messages", new JsonObject().put("conversationId", "d_0"))));
    assertEquals(11, await(mongo.count("messages", new JsonObject())));
  }

  /**
   * Reads that an index serves in its own order (a leading value, a range on the next key, a sort
   * by the following keys, a limit) find exactly what a scan and sort of an unindexed copy find, in
   * the same order: ties, numbers of mixed types, both directions, after updates and deletes, in
   * memory and in the file store.
   */
  @Test
  void indexOrderedReadsAgreeWithAScanAndSort() throws Exception {
    for (Path dataDir : new Path[] {null, Files.createTempDirectory("weiliao-ordered")}) {
      close();
      open(dataDir);
      await(
          mongo.createIndexWithOptions(
              "listed",
              new JsonObject().put("k", 1).put("at", -1).put("_id", -1),
              new IndexOptions().name("by_k_order")));
      await(
          mongo.createIndexWithOptions(
              "listed",
              new JsonObject().put("c", 1).put("seq", 1),
              new IndexOptions().unique(true).name("by_c_seq")));
      await(
          mongo.createIndexWithOptions(
              "listed",
              new JsonObject().put("g", 1).put("at", 1),
              new IndexOptions().name("by_g_at_with_ties")));
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < 400; i++) {
        Object at =
            switch (i % 3) {
              case 0 -> random.nextInt(40);
              case 1 -> (long) random.nextInt(40);
              default -> random.nextInt(40) + 0.5;
            };
        JsonObject document =
            new JsonObject()
                .put("_id", String.format("x%03d", i))
                .put("k", "k" + random.nextInt(3))
                .put("at", at)
                .put("c", "c" + i % 4)
                .put("seq", (long) i / 4)
                .put("odd", i % 2 == 1)
                .put("g", "g" + i % 2);
        await(mongo.insert("listed", document));
        await(mongo.insert("scanned", document));
      }
      for (int i = 0; i < 400; i += 7) {
        JsonObject change =
            new JsonObject()
                .put(
                    "$set",
                    new JsonObject()
                        .put("at", random.nextInt(40))
                        .put("k", "k" + random.nextInt(3)));
        for (String collection : List.of("listed", "scanned")) {
          await(
              mongo.updateCollection(
                  collection, new JsonObject().put("_id", String.format("x%03d", i)), change));
          await(
              mongo.removeDocument(
                  collection, new JsonObject().put("_id", String.format("x%03d", i + 3))));
        }
      }
      for (int round = 0; round < 200; round++) {
        boolean byList = round % 2 == 0;
        int direction = random.nextBoolean() ? 1 : -1;
        JsonObject query =
            byList
                ? new JsonObject().put("k", "k" + random.nextInt(3))
                : new JsonObject().put("c", "c" + random.nextInt(4));
        String ranged = byList ? "at" : "seq";
        for (String operator : List.of("$lt", "$lte", "$gt", "$gte")) {
          if (random.nextInt(3) == 0) {
            JsonObject condition = query.getJsonObject(ranged, new JsonObject());
            query.put(
                ranged,
                condition.put(
                    operator,
                    random.nextBoolean() ? random.nextInt(40) : random.nextInt(40) + 0.5));
          }
        }
        if (random.nextInt(4) == 0) {
          query.put("odd", true);
        }
        JsonObject sort =
            round % 5 == 4
                ? new JsonObject().put("_id", direction) // not the index's order
                : byList
                    ? new JsonObject().put("at", direction).put("_id", direction)
                    : new JsonObject().put("seq", direction);
        FindOptions options =
            new FindOptions()
                .setSort(sort)
                .setLimit(random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30));
        assertEquals(
            ids(mongo.findWithOptions("scanned", query, options)),
            ids(mongo.findWithOptions("listed", query, options)),
            query.encode()
                + " sorted "
                + sort.encode()
                + " limit "
                + options.getLimit()
                + (dataDir == null ? " in memory" : " in the file"));
      }
      for (String g : List.of("g0", "g1")) {
        // Many documents share each place of by_g_at_with_ties: the same set, in the same order of
        // at.
        FindOptions byAt = new FindOptions().setSort(new JsonObject().put("at", -1));
        List<JsonObject> indexed =
            await(mongo.findWithOptions("listed", new JsonObject().put("g", g), byAt));
        List<JsonObject> scanned =
            await(mongo.findWithOptions("scanned", new JsonObject().put("g", g), byAt));
        assertEquals(
            scanned.stream().map(d -> d.getDouble("at")).toList(),
            indexed.stream().map(d -> d.getDouble("at")).toList());
        assertEquals(
            scanned.stream().map(d -> d.getString("_id")).sorted().toList(),
            indexed.stream().map(d -> d.getString("_id")).sorted().toList());
      }
    }
  }

  /**
   * A compound unique index keeps MongoDB's constraint for keys Weiliao never writes too (missing
   * fields, null, numbers of mixed types), after updates and deletes free keys, and after the file
   * store reopens and refills it.
   */
  @Test
  void aUniqueCompoundIndexRefusesDuplicatesOfEveryShapeOfKey() throws Exception {
    for (Path dataDir : new Path[] {null, Files.createTempDirectory("weiliao-unique")}) {
      close();
      open(dataDir);
      await(
          mongo.createIndexWithOptions(
              "pairs",
              new JsonObject().put("a", 1).put("b", 1),
              new IndexOptions().unique(true).name("by_a_b")));
      for (JsonObject stored :
          List.of(
              new JsonObject().put("_id", "p1").put("a", "x").put("b", 1L),
              new JsonObject().put("_id", "p2").put("a", "x"),
              new JsonObject().put("_id", "p3"),
              new JsonObject().put("_id", "p4").put("a", "y").put("b", 3))) {
        await(mongo.insert("pairs", stored));
      }
      if (dataDir != null) {
        close();
        open(dataDir);
      }
      for (JsonObject refused :
          List.of(
              new JsonObject().put("a", "x").put("b", 1.0),
              new JsonObject().put("a", "x"),
              new JsonObject(),
              new JsonObject().put("a", "y").put("b", 3L))) {
        Exception duplicate =
            assertThrows(Exception.class, () -> await(mongo.insert("pairs", refused)));
        assertEquals(true, duplicate.getMessage().contains("E11000"), duplicate.getMessage());
      }
      await(mongo.insert("pairs", new JsonObject().put("_id", "p6").put("a", "x").put("b", 4)));
      await(
          mongo.updateCollection(
              "pairs",
              new JsonObject().put("_id", "p1"),
              new JsonObject().put("$set", new JsonObject().put("b", 9))));
      await(mongo.removeDocument("pairs", new JsonObject().put("_id", "p2")));
      await(mongo.insert("pairs", new JsonObject().put("_id", "p7").put("a", "x").put("b", 1)));
      await(mongo.insert("pairs", new JsonObject().put("_id", "p8").put("a", "x")));
      assertEquals(
          List.of("p7", "p6", "p1"),
          await(
                  mongo.findWithOptions(
                      "pairs",
                      new JsonObject().put("a", "x").put("b", new JsonObject().put("$gte", 1)),
                      new FindOptions().setSort(new JsonObject().put("b", 1))))
              .stream()
              .map(document -> document.getString("_id"))
              .toList(),
          dataDir == null ? "in memory" : "in the file");
    }
  }

  private void createMessageIndex() throws Exception {
    await(
        mongo.createIndexWithOptions(
            "messages",
            new JsonObject().put("conversationId", 1).put("seq", 1),
            new IndexOptions().unique(true).name("conversation_seq_unique")));
  }

  /**
   * Messages i in [from, to): conversation d_(i % 2), seq i / 2 + 1 (a long, queried with ints).
   */
  private void insertMessages(int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      String conversation = "d_" + i % 2;
      long seq = i / 2 + 1;
      await(
          mongo.insert(
              "messages",
              new JsonObject()
                  .put("_id", conversation + ":" + seq)
                  .put("conversationId", conversation)
                  .put("seq", seq)
                  .put("recalled", false)));
    }
  }

  private void open(Path dataDir) throws Exception {
    stores = new EmbeddedStores();
    String uri = stores.startMongo(dataDir, GroupCommit.Fsync.ALWAYS);
    mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", uri));
  }

  private void close() throws Exception {
    mongo.close().await(10, TimeUnit.SECONDS);
    stores.stop();
  }

  private static List<String> ids(Future<List<JsonObject>> found) throws Exception {
    return await(found).stream()
        .map(document -> document.getString("_id"))
        .collect(Collectors.toList());
  }

  private static List<Long> seqs(Future<List<JsonObject>> found) throws Exception {
    return await(found).stream()
        .map(document -> document.getLong("seq"))
        .collect(Collectors.toList());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }
}
