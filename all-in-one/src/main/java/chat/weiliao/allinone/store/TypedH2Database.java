package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A database of the file store: a map of documents (by _id) and a map of counters per collection,
 * in BSON pages ({@link BsonDataTypes}), under map names of their own so that a file of
 * mongo-java-server's own layout is told apart and converted ({@link LegacyLayout}). Only the
 * documents are in the file: the _id index is their map ({@link IdIndex}), and every other index
 * lives in memory and is rebuilt when the store opens ({@link CompoundUniqueIndex}, {@link
 * KeyedUniqueIndex}, {@link LookupIndex}), in one read of each collection ({@link IndexRebuild}).
 * Unique indexes also serve their leading key.
 */
final class TypedH2Database extends AbstractSynchronizedMongoDatabase<Object> {
  static final String DOCUMENTS_PREFIX = "docs.";
  static final String META_PREFIX = "meta.";

  private static final String ID = "_id";

  private final MVStore store;
  private final IndexSnapshot snapshot;
  private final IndexRebuild rebuild;

  /** Every collection opened, for the snapshot of their indexes at a clean stop. */
  private final List<StoredCollection> opened = new ArrayList<>();

  /**
   * Opens the collections and indexes the file holds, then fills the in-memory indexes in one read
   * of each collection ({@link IndexRebuild}).
   */
  TypedH2Database(String name, MVStore store, CursorRegistry cursors) {
    super(name, cursors);
    this.store = store;
    this.snapshot = new IndexSnapshot(store, name);
    this.rebuild = new IndexRebuild(snapshot);
    initializeNamespacesAndIndexes();
    rebuild.finish();
  }

  static MVMap<Object, Document> documents(MVStore store, String name) {
    return store.openMap(
        name,
        new MVMap.Builder<Object, Document>()
            .keyType(BsonDataTypes.ValueType.INSTANCE)
            .valueType(BsonDataTypes.DocumentType.INSTANCE));
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collection, CollectionOptions options) {
    String namespace = getFullCollectionNamespace(collection);
    StoredCollection stored =
        new StoredCollection(
            this,
            collection,
            options,
            documents(store, DOCUMENTS_PREFIX + namespace),
            store.openMap(META_PREFIX + namespace),
            cursorRegistry,
            rebuild);
    opened.add(stored);
    return stored;
  }

  /**
   * Writes the snapshot of the collections' costly indexes ({@link IndexSnapshot}); called once no
   * write can follow it.
   */
  void writeIndexSnapshot() {
    snapshot.write(
        opened.stream()
            .filter(
                collection ->
                    resolveCollection(collection.getCollectionName(), false) == collection)
            .toList());
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collection, String name, List<IndexKey> keys, boolean sparse) {
    if (keys.size() > 1) {
      return new CompoundUniqueIndex<>(name, keys, sparse);
    }
    AbstractUniqueIndex<Object> unique =
        ID.equals(keys.get(0).getKey())
            ? new IdIndex(
                documents(store, DOCUMENTS_PREFIX + getFullCollectionNamespace(collection)),
                name,
                keys)
            : new KeyedUniqueIndex<>(name, keys, sparse);
    return new ServedUniqueIndex<>(unique, sparse);
  }

  @Override
  protected Index<Object> openOrCreateSecondaryIndex(
      String collection, String name, List<IndexKey> keys, boolean sparse) {
    return new LookupIndex<>(name, keys, sparse);
  }

  @Override
  public void drop(Oplog oplog) {
    super.drop(oplog);
    String namespace = getDatabaseName() + ".";
    for (String map : List.copyOf(store.getMapNames())) {
      if (map.startsWith(namespace)
          || map.startsWith(DOCUMENTS_PREFIX + namespace)
          || map.startsWith(META_PREFIX + namespace)) {
        store.removeMap(map);
      }
    }
  }

  @Override
  public void dropCollection(String collection, Oplog oplog) {
    super.dropCollection(collection, oplog);
    String namespace = getFullCollectionNamespace(collection);
    store.removeMap(DOCUMENTS_PREFIX + namespace);
    store.removeMap(META_PREFIX + namespace);
  }

  @Override
  public void moveCollection(
      MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
    super.moveCollection(oldDatabase, collection, newName);
    String from = collection.getFullName();
    String to = getFullCollectionNamespace(newName);
    store.renameMap(documents(store, DOCUMENTS_PREFIX + from), DOCUMENTS_PREFIX + to);
    store.renameMap(store.openMap(META_PREFIX + from), META_PREFIX + to);
  }

  @Override
  protected long getStorageSize() {
    return store.getFileStore() == null ? 0 : store.getFileStore().size();
  }

  @Override
  protected long getFileSize() {
    return getStorageSize();
  }
}
