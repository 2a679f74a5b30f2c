package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the in-memory indexes of a file store's collections when it opens: one read of each
 * collection's documents adds every document to all of the collection's unfilled indexes, where
 * mongo-java-server reads the documents twice per index (the unique indexes of a million messages
 * were most of a 33 s restart). A document that breaks a unique index refuses the open, naming
 * collection and index, as mongo-java-server's own index build would: the store never serves with a
 * document missing from an index.
 */
final class IndexRebuild {
  private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);

  private final Map<StoredCollection, List<Index<Object>>> unfilled = new LinkedHashMap<>();
  private boolean opening = true;

  /** Thrown when stored documents break a unique index; the message names collection and index. */
  static final class UniqueIndexBroken extends IllegalStateException {
    UniqueIndexBroken(StoredCollection collection, Index<Object> index, MongoServerError cause) {
      super(
          "the collection "
              + collection.getFullName()
              + " holds documents its unique index "
              + index.getName()
              + " refuses ("
              + cause.getMessageWithoutErrorCode()
              + ")",
          cause);
    }
  }

  boolean isOpening() {
    return opening;
  }

  void fillLater(StoredCollection collection, Index<Object> index) {
    unfilled.computeIfAbsent(collection, unused -> new ArrayList<>()).add(index);
  }

  /** Fills every index handed over while the store opened; indexes added later fill themselves. */
  void finish() {
    opening = false;
    unfilled.forEach(IndexRebuild::fill);
    unfilled.clear();
  }

  private static void fill(StoredCollection collection, List<Index<Object>> indexes) {
    long start = System.nanoTime();
    long[] documents = {0};
    collection
        .documents()
        .forEach(
            document -> {
              addToEach(collection, indexes, document);
              documents[0]++;
            });
    log.info(
        "Rebuilt {} in-memory indexes of {} from {} documents in {} ms",
        indexes.size(),
        collection.getFullName(),
        documents[0],
        (System.nanoTime() - start) / 1_000_000);
  }

  /** A unique index's add checks the key first and refuses a duplicate. */
  private static void addToEach(
      StoredCollection collection,
      List<Index<Object>> indexes,
      DocumentWithPosition<Object> stored) {
    for (Index<Object> index : indexes) {
      try {
        index.add(stored.getDocument(), stored.getPosition(), collection);
      } catch (MongoServerError e) {
        throw new UniqueIndexBroken(collection, index, e);
      }
    }
  }
}
