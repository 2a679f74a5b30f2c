package chat.weiliao.allinone.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store's file near the size of its live data while the server serves. MVStore never
 * overwrites a page: each commit appends the pages it changed, and the old copies stay in their
 * chunks as dead space. MVStore's own housekeeping only runs when it wins the store lock between
 * two commits, which under load it almost never does; this runs on a schedule, in a turn of its own
 * between commits ({@link GroupCommit#inCommitTurn}):
 *
 * <ol>
 *   <li>rewrite the live pages of mostly dead chunks (marked changed, the next commit writes them
 *       elsewhere), so whole chunks die and their space is freed;
 *   <li>move the chunks at the end of the file into the freed holes and cut the file short, so a
 *       store that shrank (recalls, deletes, expired media) gives the disk back.
 * </ol>
 */
final class FileCompactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileCompactor.class);

  /**
   * Chunks whose live share is below this are rewritten, so the file stays under about twice its
   * live data. Rewriting costs about fill / (1 - fill) bytes copied per byte freed: 1.2 at 55 %,
   * 2.3 at 70 %; a higher target would spend the CPU the server needs under load.
   */
  static final int TARGET_FILL_PERCENT = 55;

  /**
   * At most this much is rewritten or moved per round: commits wait while a round holds the store,
   * so rounds are small and frequent (8 MiB/s at most).
   */
  private static final int BYTES_PER_ROUND = 2 << 20;

  static final long PERIOD_MILLIS = 250;

  /**
   * In a file opened with data, the first round waits until the services have started: the file
   * (with the index snapshot the open removed) can hold tens of MiB to rewrite, and rewriting
   * decodes and encodes pages on the cores the start needs (a second of a 7 s restart of a million
   * messages). A new file has nothing to rewrite yet.
   */
  static final long FIRST_ROUND_DELAY_MILLIS = 10_000;

  private final MVStore store;
  private final GroupCommit commits;
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(GroupCommit.daemon("mongo-compactor"));

  FileCompactor(MVStore store, GroupCommit commits, boolean openedWithData) {
    this.store = store;
    this.commits = commits;
    schedule.scheduleWithFixedDelay(
        this::roundQuietly,
        openedWithData ? FIRST_ROUND_DELAY_MILLIS : PERIOD_MILLIS,
        PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private void round() {
    if (!store.isClosed()) {
      commits.inCommitTurn(this::compactOnce);
    }
  }

  private void compactOnce() {
    store.compact(TARGET_FILL_PERCENT, BYTES_PER_ROUND);
    if (store.getFileStore() instanceof RandomAccessStore file
        && store.getFillRate() < TARGET_FILL_PERCENT) {
      file.compactMoveChunks(TARGET_FILL_PERCENT, BYTES_PER_ROUND, store);
    }
  }

  private void roundQuietly() {
    try {
      round();
    } catch (RuntimeException e) {
      log.warn("Compacting the store failed; trying again next round", e);
    }
  }

  @Override
  public void close() {
    // No interrupt: a thread interrupted in file I/O closes the store's file channel.
    schedule.shutdown();
    try {
      schedule.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
