package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.Index;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compound unique indexes of a database, written to the store file when it closes cleanly and
 * read back when it opens instead of being rebuilt from every document: the two of a million
 * messages were 8 of a 12 s restart, most of it decoding documents and sorting keys that a snapshot
 * holds decoded and in order.
 *
 * <p>A snapshot is only ever read from a file whose last commit wrote it: the store writes it after
 * the last write it applied and refuses writes from then on ({@link GroupCommit#finish}), and it
 * records the version of that commit, which the open compares with the file's. The open also
 * removes the snapshots, and that removal goes into the file with the first commit after it (a
 * crash before that leaves the file as the snapshot describes it). A file committed to after its
 * snapshot (by a build that does not know snapshots, say) and one a crash stopped have none that
 * fits, and their indexes are rebuilt from the documents; so are those of a snapshot of another
 * format or number of documents, or one that cannot be read.
 */
final class IndexSnapshot {
  private static final Logger log = LoggerFactory.getLogger(IndexSnapshot.class);

  private static final String PREFIX = "snapshot.";
  private static final String META = "snapshot-meta";

  /**
   * Raise it when this format or the order of places ({@link IndexOrder}) changes: a snapshot of
   * another format is rebuilt from the documents, never read in an order it was not written in.
   */
  private static final long FORMAT = 1;

  /** Entries per stored chunk, so that no value of the snapshot's map is huge. */
  private static final int CHUNK = 4_096;

  private static final byte NEW_RUN = 0;
  private static final byte SAME_RUN = 1;
  private static final byte PLAIN = 0;
  private static final byte KEY = 1;

  private final MVStore store;
  private final String database;

  IndexSnapshot(MVStore store, String database) {
    this.store = store;
    this.database = database;
  }

  /** Writes a snapshot of every compound unique index of these collections. */
  void write(Collection<StoredCollection> collections) {
    MVMap<String, String> meta = store.openMap(META);
    for (StoredCollection collection : collections) {
      for (Index<Object> index : collection.getIndexes()) {
        if (index instanceof CompoundUniqueIndex<Object> compound) {
          String name = mapName(collection, index);
          long entries = writeRuns(compound, store.openMap(name));
          // Written last: a snapshot without its line here is never read. The version is the one
          // of the commit that ends the store's last change (GroupCommit.finish).
          Recorded recorded =
              new Recorded(
                  FORMAT,
                  store.getCurrentVersion() + 1,
                  collection.count(),
                  entries,
                  compound.isMultikey());
          meta.put(name, recorded.toString());
        }
      }
    }
  }

  private static long writeRuns(CompoundUniqueIndex<Object> index, MVMap<Long, byte[]> chunks) {
    chunks.clear();
    long[] written = new long[2]; // chunks, entries
    index.forEachRun(
        (leading, run) -> {
          WriteBuffer chunk = new WriteBuffer();
          int inChunk = 0;
          byte runMark = NEW_RUN;
          for (Map.Entry<Object, Object> entry : run.entrySet()) {
            if (inChunk == 0) {
              chunk.clear().put(runMark);
              BsonDataTypes.writeValue(chunk, leading);
              runMark = SAME_RUN;
            }
            writePlace(chunk, entry.getKey());
            BsonDataTypes.writeValue(chunk, entry.getValue());
            written[1]++;
            if (++inChunk == CHUNK) {
              chunks.put(written[0]++, bytes(chunk));
              inChunk = 0;
            }
          }
          if (inChunk > 0) {
            chunks.put(written[0]++, bytes(chunk));
          }
        });
    return written[1];
  }

  private static void writePlace(WriteBuffer chunk, Object place) {
    if (place instanceof IndexOrder.Key key) {
      chunk.put(KEY).putVarInt(key.values().length);
      for (Object value : key.values()) {
        BsonDataTypes.writeValue(chunk, value);
      }
      chunk.putVarInt(key.tail());
    } else {
      chunk.put(PLAIN);
      BsonDataTypes.writeValue(chunk, place);
    }
  }

  private static byte[] bytes(WriteBuffer chunk) {
    ByteBuffer written = chunk.getBuffer();
    return Arrays.copyOf(written.array(), written.position());
  }

  /**
   * Fills the index from its snapshot if there is one that fits; false when it must be rebuilt from
   * the documents (the index is then empty again).
   */
  boolean restore(StoredCollection collection, Index<Object> index) {
    if (!(index instanceof CompoundUniqueIndex<Object> compound) || !store.hasMap(META)) {
      return false;
    }
    String name = mapName(collection, index);
    String recorded = store.<String, String>openMap(META).get(name);
    if (recorded == null || !store.hasMap(name)) {
      return false;
    }
    Recorded snapshot = Recorded.parse(recorded);
    if (snapshot == null
        || snapshot.format() != FORMAT
        || snapshot.version() != store.getCurrentVersion()
        || snapshot.documents() != collection.count()) {
      log.warn("The snapshot of index {} does not fit its file ({}); rebuilding", name, recorded);
      return false;
    }
    try {
      long entries = readRuns(compound, store.openMap(name));
      if (entries == snapshot.entries()) {
        compound.restoredMultikey(snapshot.multikey());
        return true;
      }
      log.warn(
          "The snapshot of index {} holds {} entries, not {}; rebuilding",
          name,
          entries,
          snapshot.entries());
    } catch (RuntimeException unreadable) {
      log.warn("The snapshot of index {} cannot be read; rebuilding", name, unreadable);
    }
    compound.drop();
    return false;
  }

  private static long readRuns(CompoundUniqueIndex<Object> index, MVMap<Long, byte[]> chunks) {
    Run run = null;
    long entries = 0;
    for (byte[] stored : chunks.values()) {
      ByteBuffer chunk = ByteBuffer.wrap(stored);
      byte runMark = chunk.get();
      Object leading = BsonDataTypes.readValue(chunk);
      if (runMark == NEW_RUN || run == null) {
        if (run != null) {
          run.restoreInto(index);
        }
        run = new Run(leading);
      }
      while (chunk.hasRemaining()) {
        run.add(readPlace(chunk), BsonDataTypes.readValue(chunk));
        entries++;
      }
    }
    if (run != null) {
      run.restoreInto(index);
    }
    return entries;
  }

  private static Object readPlace(ByteBuffer chunk) {
    if (chunk.get() == PLAIN) {
      return BsonDataTypes.readValue(chunk);
    }
    Object[] values = new Object[DataUtils.readVarInt(chunk)];
    for (int i = 0; i < values.length; i++) {
      values[i] = BsonDataTypes.readValue(chunk);
    }
    return new IndexOrder.Key(values, DataUtils.readVarInt(chunk));
  }

  /** One leading value's places and positions, in index order, as the chunks hold them. */
  private static final class Run {
    private final Object leading;
    private final List<Object> places = new ArrayList<>();
    private final List<Object> positions = new ArrayList<>();

    Run(Object leading) {
      this.leading = leading;
    }

    void add(Object place, Object position) {
      places.add(place);
      positions.add(position);
    }

    void restoreInto(CompoundUniqueIndex<Object> index) {
      index.restoreRun(leading, places, positions);
    }
  }

  /**
   * Removes this database's snapshots; the removal is committed with the first change after the
   * open, so that no file holds a snapshot older than its documents.
   */
  void discard() {
    if (!store.hasMap(META)) {
      return;
    }
    MVMap<String, String> meta = store.openMap(META);
    String mine = PREFIX + database + ".";
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.startsWith(mine)) {
        store.removeMap(name);
        meta.remove(name);
      }
    }
    if (meta.isEmpty()) {
      store.removeMap(META);
    }
  }

  /** What the meta map says of one index's snapshot, as one line of numbers. */
  private record Recorded(
      long format, long version, long documents, long entries, boolean multikey) {
    @Override
    public String toString() {
      return format + "," + version + "," + documents + "," + entries + "," + (multikey ? 1 : 0);
    }

    /** Null for a line this build cannot read. */
    static Recorded parse(String line) {
      String[] fields = line.split(",");
      if (fields.length != 5) {
        return null;
      }
      try {
        return new Recorded(
            Long.parseLong(fields[0]),
            Long.parseLong(fields[1]),
            Long.parseLong(fields[2]),
            Long.parseLong(fields[3]),
            "1".equals(fields[4]));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private static String mapName(StoredCollection collection, Index<?> index) {
    return PREFIX + collection.getFullName() + "/" + index.getName();
  }
}
