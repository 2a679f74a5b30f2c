package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.exception.MongoServerException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * Group commit for the embedded file store, as PostgreSQL and InnoDB do it: a write command is
 * answered only once a commit that contains it is in the file, and every write that arrives while a
 * commit runs shares the next one. The first waiter commits for all; there is no timer, so an idle
 * server commits a lone write at once.
 *
 * <p>A write command changes several maps (the documents and each unique index). Commands hold the
 * shared side of a lock while they apply; a commit takes the exclusive side, so a commit never
 * catches a command half applied and a crash can never leave a document without its index entry.
 *
 * <p>{@link Fsync#ALWAYS} also forces the file to the disk before the answer (a power cut loses no
 * acknowledged write); {@link Fsync#EVERYSEC} forces it once a second (an acknowledgement survives
 * the process being killed, a power cut may lose the last second).
 */
public final class GroupCommit implements AutoCloseable {
  /** When the file is forced to the disk. */
  public enum Fsync {
    ALWAYS,
    EVERYSEC
  }

  private final MVStore store;
  private final Fsync fsync;
  private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();

  /** Set under the write lock by {@link #finish}; read under the read lock. */
  private boolean finished;

  private final AtomicLong applied = new AtomicLong();
  private final Object turn = new Object();
  private long committed;
  private boolean committing;

  /** The file's write count at the last fsync; read and set by the turn's holder only. */
  private long writesSynced = -1;

  private final ScheduledExecutorService syncer;

  public GroupCommit(MVStore store, Fsync fsync) {
    this.store = store;
    this.fsync = fsync;
    this.syncer =
        fsync == Fsync.EVERYSEC
            ? Executors.newSingleThreadScheduledExecutor(daemon("mongo-fsync"))
            : null;
    if (syncer != null) {
      syncer.scheduleWithFixedDelay(this::syncQuietly, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** Applies a write command, then waits until a commit holds it. */
  public <T> T write(Supplier<T> command) {
    long ticket;
    applying.readLock().lock();
    if (finished) {
      applying.readLock().unlock();
      throw new MongoServerException("the store is closing");
    }
    try {
      return command.get();
    } finally {
      ticket = applied.incrementAndGet();
      applying.readLock().unlock();
      awaitCommitted(ticket);
    }
  }

  /**
   * Runs store maintenance (compaction) in a commit's turn, then commits what it changed with
   * everything applied meanwhile. Between two commits the store is not busy committing, so
   * maintenance always gets its turn under load; writers that arrive during it share the commit
   * that ends it.
   */
  public void inCommitTurn(Runnable maintenance) {
    takeTurn();
    long upTo = 0;
    try {
      maintenance.run();
      upTo = commitEverythingApplied();
    } finally {
      endTurn(upTo);
    }
  }

  private void awaitCommitted(long ticket) {
    while (true) {
      synchronized (turn) {
        while (committing && committed < ticket) {
          waitForTurn();
        }
        if (committed >= ticket) {
          return;
        }
        committing = true;
      }
      long upTo = 0;
      try {
        upTo = commitEverythingApplied();
      } finally {
        endTurn(upTo);
      }
    }
  }

  private void takeTurn() {
    synchronized (turn) {
      while (committing) {
        waitForTurn();
      }
      committing = true;
    }
  }

  private void endTurn(long committedUpTo) {
    synchronized (turn) {
      committing = false;
      committed = Math.max(committed, committedUpTo);
      turn.notifyAll();
    }
  }

  /**
   * Commits every write applied so far, then applies the store's last change in a commit of its own
   * (which it may roll back to the first); writes are refused from then on, so nothing can follow
   * the last change in the file.
   */
  public void finish(Runnable last) {
    takeTurn();
    long upTo = 0;
    try {
      applying.writeLock().lock();
      try {
        finished = true;
        upTo = applied.get();
        commitIfChanged();
        last.run();
        commitIfChanged();
      } finally {
        applying.writeLock().unlock();
      }
      if (fsync == Fsync.ALWAYS) {
        syncIfWritten();
      }
    } finally {
      endTurn(upTo);
    }
  }

  private void commitIfChanged() {
    if (store.hasUnsavedChanges()) {
      store.commit();
    }
  }

  /** Commits every command applied so far; returns how many that is. */
  private long commitEverythingApplied() {
    long upTo;
    applying.writeLock().lock();
    try {
      upTo = applied.get();
      commitIfChanged();
    } finally {
      applying.writeLock().unlock();
    }
    if (fsync == Fsync.ALWAYS) {
      syncIfWritten(); // outside the lock: the next group applies while the disk flushes
    }
    return upTo;
  }

  /**
   * Flushes to disk unless the file has not been written since the last flush: an idle compaction
   * round or an empty group then costs no fsync. Only the turn's holder calls it.
   */
  private void syncIfWritten() {
    long writes = store.getFileStore().getWriteCount();
    if (writes != writesSynced) {
      store.sync();
      writesSynced = writes;
    }
  }

  private void waitForTurn() {
    try {
      turn.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a commit", e);
    }
  }

  private void syncQuietly() {
    if (!store.isClosed()) {
      store.sync();
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdown(); // no interrupt: a thread interrupted in file I/O closes the store's file
      // channel
      try {
        syncer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
