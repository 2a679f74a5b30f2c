package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the in-memory indexes of a file store's collections when it opens: one read of each
 * collection's documents adds every document to all of the collection's unfilled indexes, each
 * filled on a thread of its own, where mongo-java-server reads the documents twice per index, one
 * index after the other (the unique indexes of a million messages were most of a 33 s restart). A
 * document that breaks a unique index refuses the open, naming collection and index, as
 * mongo-java-server's own index build would: the store never serves with a document missing from an
 * index. A compound unique index with a snapshot from the last clean stop is read from it instead
 * ({@link IndexSnapshot}).
 */
final class IndexRebuild {
  private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);

  private final Map<StoredCollection, List<Index<Object>>> unfilled = new LinkedHashMap<>();
  private final IndexSnapshot snapshot;
  private boolean opening = true;

  IndexRebuild(IndexSnapshot snapshot) {
    this.snapshot = snapshot;
  }

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

  /**
   * Fills every index handed over while the store opened, then removes the snapshots: indexes added
   * later fill themselves.
   */
  void finish() {
    opening = false;
    unfilled.forEach(this::restoreOrFill);
    unfilled.clear();
    snapshot.discard();
  }

  private void restoreOrFill(StoredCollection collection, List<Index<Object>> indexes) {
    long start = System.nanoTime();
    List<Index<Object>> toFill = new ArrayList<>();
    for (Index<Object> index : indexes) {
      if (!snapshot.restore(collection, index)) {
        toFill.add(index);
      }
    }
    if (toFill.size() < indexes.size()) {
      log.info(
          "Restored {} in-memory indexes of {} from the snapshot of the last clean stop in {} ms",
          indexes.size() - toFill.size(),
          collection.getFullName(),
          (System.nanoTime() - start) / 1_000_000);
    }
    if (!toFill.isEmpty()) {
      fill(collection, toFill);
    }
  }

  /** Reads the documents once on this thread and fills each index on a thread of its own. */
  private static void fill(StoredCollection collection, List<Index<Object>> indexes) {
    long start = System.nanoTime();
    List<Filler> fillers = indexes.stream().map(index -> new Filler(collection, index)).toList();
    List<Thread> threads = fillers.stream().map(Filler::start).toList();
    long documents;
    try {
      documents = read(collection, fillers);
    } finally {
      fillers.forEach(filler -> filler.hand(Filler.END)); // their threads end whatever happened
    }
    for (Thread thread : threads) {
      join(thread);
    }
    for (Filler filler : fillers) {
      filler.throwIfFailed();
    }
    log.info(
        "Rebuilt {} in-memory indexes of {} from {} documents in {} ms",
        indexes.size(),
        collection.getFullName(),
        documents,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static long read(StoredCollection collection, List<Filler> fillers) {
    Iterator<DocumentWithPosition<Object>> stored = collection.documents().iterator();
    long count = 0;
    while (stored.hasNext()) {
      List<DocumentWithPosition<Object>> batch = new ArrayList<>(Filler.BATCH);
      while (batch.size() < Filler.BATCH && stored.hasNext()) {
        batch.add(stored.next());
      }
      count += batch.size();
      fillers.forEach(filler -> filler.hand(batch));
    }
    return count;
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rebuilding the store's indexes", e);
    }
  }

  /**
   * One index's share of a rebuild, on a thread of its own: the indexes of a collection are
   * independent, so on a machine with two cores the two unique indexes of the messages fill side by
   * side. They only read the documents the reader decoded and handed over through the queue.
   */
  private static final class Filler implements Runnable {
    static final int BATCH = 1_024;
    static final List<DocumentWithPosition<Object>> END = new ArrayList<>();

    private final StoredCollection collection;
    private final Index<Object> index;

    /** Bounded, so a slow index holds the reader back instead of the heap filling with batches. */
    private final BlockingQueue<List<DocumentWithPosition<Object>>> batches =
        new ArrayBlockingQueue<>(8);

    /** The first failure; the filler then only drains its queue, so the reader never blocks. */
    private RuntimeException failure;

    Filler(StoredCollection collection, Index<Object> index) {
      this.collection = collection;
      this.index = index;
    }

    Thread start() {
      Thread thread = new Thread(this, "index-rebuild-" + index.getName());
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    void hand(List<DocumentWithPosition<Object>> batch) {
      try {
        batches.put(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while rebuilding the store's indexes", e);
      }
    }

    @Override
    public void run() {
      try {
        for (var batch = batches.take(); batch != END; batch = batches.take()) {
          if (failure == null) {
            addAll(batch);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** A unique index's add checks the key first and refuses a duplicate. */
    private void addAll(List<DocumentWithPosition<Object>> batch) {
      try {
        for (DocumentWithPosition<Object> stored : batch) {
          index.add(stored.getDocument(), stored.getPosition(), collection);
        }
      } catch (MongoServerError e) {
        failure = new UniqueIndexBroken(collection, index, e);
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    /** Called after the filler's thread ended, which makes its failure visible here. */
    void throwIfFailed() {
      if (failure != null) {
        throw failure;
      }
    }
  }
}
