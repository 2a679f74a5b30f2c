package chat.weiliao.allinone.store;

import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a store file written by mongo-java-server's own H2 backend (Weiliao 1.0: documents in
 * Java serialization in maps "databases.&lt;ns&gt;", unique indexes in maps
 * "&lt;ns&gt;._index_&lt;name&gt;") to the layout of {@link TypedH2Database}, once, when the file
 * is opened: documents are copied to BSON maps, index maps dropped (indexes are rebuilt in memory).
 * The counters of "meta.&lt;ns&gt;" are the same in both layouts and stay.
 */
final class LegacyLayout {
  private static final Logger log = LoggerFactory.getLogger(LegacyLayout.class);
  private static final String LEGACY_DOCUMENTS_PREFIX = "databases.";
  private static final String LEGACY_UNIQUE_INFIX = "._index_";

  /** Entries copied between commits, so a large file converts in bounded memory. */
  private static final int COPIED_PER_COMMIT = 10_000;

  private LegacyLayout() {}

  static void convert(MVStore store) {
    long documents = 0;
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.startsWith(LEGACY_DOCUMENTS_PREFIX)) {
        String renamed =
            TypedH2Database.DOCUMENTS_PREFIX + name.substring(LEGACY_DOCUMENTS_PREFIX.length());
        documents += copy(store, name, TypedH2Database.documents(store, renamed));
      } else if (name.contains(LEGACY_UNIQUE_INFIX)) {
        store.removeMap(name); // unique indexes are rebuilt in memory from the documents
      }
    }
    if (documents > 0) {
      log.info(
          "Converted {} documents of {} to the BSON layout",
          documents,
          store.getFileStore().getFileName());
    }
  }

  /**
   * Copies a legacy map, then removes it. A crash part way leaves the legacy map in place, and the
   * next start copies it again over the partial copy.
   */
  private static <K, V> long copy(MVStore store, String legacyName, MVMap<K, V> into) {
    MVMap<K, V> legacy = store.openMap(legacyName);
    long count = 0;
    for (Map.Entry<K, V> entry : legacy.entrySet()) {
      into.put(entry.getKey(), entry.getValue());
      if (++count % COPIED_PER_COMMIT == 0) {
        store.commit();
      }
    }
    store.commit();
    store.removeMap(legacy);
    store.commit();
    return count;
  }
}
