package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store in an H2 MVStore file. H2Backend commits in the background about once a
 * second, which would let a killed all-in-one process lose writes it had already acknowledged; here
 * a write command is answered only once a commit holds it ({@link GroupCommit}), and the file is
 * kept near the size of its live data ({@link FileCompactor}). Documents and keys are stored as
 * BSON ({@link TypedH2Database}).
 */
public final class DurableH2Backend extends H2Backend {
  private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

  private static final Set<String> WRITES =
      Set.of(
          "insert",
          "update",
          "delete",
          "findandmodify",
          "create",
          "createindexes",
          "dropindexes",
          "drop",
          "dropdatabase",
          "renamecollection");

  /**
   * How long MVStore keeps a chunk after its last live page died before it may overwrite it: the
   * file's margin is about this long of writes. With fsync always, each commit is on the disk
   * before the next one starts, so a chunk a commit freed can be reused at once; with everysec it
   * must outlast the second until the commits that replaced it are forced to the disk, or a power
   * cut could leave the newest durable commit pointing at overwritten pages.
   */
  static int retentionMillis(GroupCommit.Fsync fsync) {
    return fsync == GroupCommit.Fsync.ALWAYS ? 0 : 2_000;
  }

  /**
   * Pages split at this size. A commit rewrites every page it changed (the newest page of a
   * collection, the page of each conversation summary it updated), so smaller pages mean fewer
   * bytes written per commit.
   */
  private static final int PAGE_SPLIT_BYTES = 4 << 10;

  private final GroupCommit commits;
  private final FileCompactor compactor;

  /** Every database opened, for the snapshot of their indexes at a clean stop. */
  private final List<TypedH2Database> databases = new CopyOnWriteArrayList<>();

  private DurableH2Backend(MVStore store, GroupCommit.Fsync fsync) {
    super(store);
    boolean openedWithData = openStoredDatabases(store);
    this.commits = new GroupCommit(store, fsync);
    this.compactor = new FileCompactor(store, commits, openedWithData);
  }

  /**
   * Opens (or creates) the store file. A file whose tail was cut short or damaged reopens at its
   * last whole commit; one damaged beyond that, or whose documents break a unique index, is refused
   * with a message that names it, never served half broken.
   */
  public static DurableH2Backend open(Path file, GroupCommit.Fsync fsync) {
    MVStore store;
    try {
      // No MVStore background writer and no commit when unsaved changes pile up: either would
      // commit in the middle of a command. GroupCommit commits whenever there is something to.
      store =
          new MVStore.Builder()
              .fileName(file.toString())
              .autoCommitDisabled()
              .autoCommitBufferSize(0)
              .pageSplitSize(PAGE_SPLIT_BYTES)
              .open();
      LegacyLayout.convert(store);
    } catch (MVStoreException e) {
      throw new IllegalStateException(
          "The embedded store file "
              + file
              + " is damaged and cannot be opened ("
              + e.getMessage()
              + "). Restore it from a backup, or move it away to start empty.",
          e);
    }
    store.setRetentionTime(retentionMillis(fsync));
    try {
      return new DurableH2Backend(store, fsync);
    } catch (IndexRebuild.UniqueIndexBroken e) {
      store.close();
      throw new IllegalStateException(
          "The embedded store file "
              + file
              + " cannot be opened: "
              + e.getMessage()
              + ". Restore it from a backup; the store does not drop a document to open.",
          e);
    }
  }

  /**
   * Opens every database the file holds before the server listens, which rebuilds their in-memory
   * indexes: mongo-java-server would open one at its first command, in a service's start, and
   * report a file whose documents break a unique index to that command instead of refusing the
   * store here, by name. Returns whether there was any.
   */
  private boolean openStoredDatabases(MVStore store) {
    List<String> stored =
        store.getMapNames().stream()
            .filter(map -> map.startsWith(TypedH2Database.DOCUMENTS_PREFIX))
            .map(
                map ->
                    Utils.firstFragment(map.substring(TypedH2Database.DOCUMENTS_PREFIX.length())))
            .distinct()
            .toList();
    stored.forEach(this::resolveDatabase);
    return !stored.isEmpty();
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
      return super.handleCommand(channel, database, command, query);
    }
    return commits.write(() -> super.handleCommand(channel, database, command, query));
  }

  /**
   * After the last write, the snapshot of the costly in-memory indexes goes into the file with the
   * last commit, so that the next open reads it instead of rebuilding them ({@link IndexSnapshot}).
   */
  @Override
  public void close() {
    compactor.close();
    commits.finish(this::writeIndexSnapshots);
    commits.close();
    super.close();
  }

  /** A snapshot that fails is rolled back: the next start rebuilds the indexes instead. */
  private void writeIndexSnapshots() {
    long start = System.nanoTime();
    Set<String> names = listDatabaseNames();
    try {
      databases.stream()
          .filter(database -> names.contains(database.getDatabaseName()))
          .forEach(TypedH2Database::writeIndexSnapshot);
    } catch (RuntimeException e) {
      getMvStore().rollback();
      log.warn("The snapshot of the in-memory indexes was not written", e);
      return;
    }
    log.info(
        "Wrote the snapshot of the in-memory indexes in {} ms",
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    TypedH2Database database = new TypedH2Database(name, getMvStore(), getCursorRegistry());
    databases.add(database);
    return database;
  }
}
