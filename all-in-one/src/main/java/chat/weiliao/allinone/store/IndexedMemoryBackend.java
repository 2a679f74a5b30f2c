package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The in-memory embedded store, with the indexes of {@link LookupIndex}, {@link
 * CompoundUniqueIndex} and {@link ServedUniqueIndex}.
 */
public final class IndexedMemoryBackend extends MemoryBackend {
  @Override
  public MemoryDatabase openOrCreateDatabase(String name) {
    return new Database(name, getCursorRegistry());
  }

  private static final class Database extends MemoryDatabase {
    Database(String name, CursorRegistry cursors) {
      super(name, cursors);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
      return new MemoryCollection(this, name, options, cursorRegistry) {
        @Override
        protected boolean tracksDataSize() {
          return false; // see StoredCollection#tracksDataSize
        }

        /**
         * Candidates of an index in the order asked are read in that order (see OrderedCandidates).
         */
        @Override
        protected QueryResult matchDocuments(
            Document query,
            Iterable<Integer> positions,
            Document orderBy,
            int skip,
            int limit,
            int batchSize,
            Document projection) {
          return OrderedCandidates.matchInOrder(
              positions,
              orderBy,
              (candidates, order) ->
                  super.matchDocuments(
                      query, candidates, order, skip, limit, batchSize, projection));
        }
      };
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(
        String collection, String name, List<IndexKey> keys, boolean sparse) {
      return keys.size() > 1
          ? new CompoundUniqueIndex<>(name, keys, sparse)
          : new ServedUniqueIndex<>(
              super.openOrCreateUniqueIndex(collection, name, keys, sparse), sparse);
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(
        String collection, String name, List<IndexKey> keys, boolean sparse) {
      return new LookupIndex<>(name, keys, sparse);
    }
  }
}
