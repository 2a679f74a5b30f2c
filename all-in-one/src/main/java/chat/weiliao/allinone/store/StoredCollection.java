package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * A collection of the file store ({@link TypedH2Database}). It does not track its data size, reads
 * an index's candidates in the order asked ({@link OrderedCandidates}), and, while the store opens,
 * leaves the filling of its in-memory indexes to {@link IndexRebuild}, which reads its documents
 * once for all of them.
 */
final class StoredCollection extends H2Collection {
  private final IndexRebuild rebuild;

  /** True while {@link #addIndex} hands an index to the rebuild: its scan then reads nothing. */
  private boolean addingUnfilled;

  StoredCollection(
      MongoDatabase database,
      String name,
      CollectionOptions options,
      MVMap<Object, Document> documents,
      MVMap<String, Object> meta,
      CursorRegistry cursors,
      IndexRebuild rebuild) {
    super(database, name, options, documents, meta, cursors);
    this.rebuild = rebuild;
  }

  /**
   * mongo-java-server fills an empty index by reading every document twice (check, then add), and
   * does so for each index in turn: 4 reads of every message at open. While the store opens, the
   * index is added with that scan reading nothing, in its place among the collection's indexes, and
   * the rebuild fills it together with the collection's other indexes in one read.
   */
  @Override
  public void addIndex(Index<Object> index) {
    if (!rebuild.isOpening() || !index.isEmpty()) {
      super.addIndex(index);
      return;
    }
    addingUnfilled = true;
    try {
      super.addIndex(index);
    } finally {
      addingUnfilled = false;
    }
    if (getIndexes().contains(index)) {
      rebuild.fillLater(this, index);
    }
  }

  @Override
  protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
    return addingUnfilled ? Stream.empty() : super.streamAllDocumentsWithPosition();
  }

  /** Every stored document with its position, for {@link IndexRebuild}. */
  Stream<DocumentWithPosition<Object>> documents() {
    return super.streamAllDocumentsWithPosition();
  }

  /**
   * mongo-java-server otherwise encodes every inserted, updated and removed document to BSON a
   * second time just to count its bytes (12 % of the server's CPU in S2's profile) and, on H2,
   * rewrites the collection's meta map with each write. The size serves only collStats and dbStats,
   * which Weiliao does not use.
   */
  @Override
  protected boolean tracksDataSize() {
    return false;
  }

  @Override
  protected QueryResult matchDocuments(
      Document query,
      Iterable<Object> positions,
      Document orderBy,
      int skip,
      int limit,
      int batchSize,
      Document projection) {
    return OrderedCandidates.matchInOrder(
        positions,
        orderBy,
        (candidates, order) ->
            super.matchDocuments(query, candidates, order, skip, limit, batchSize, projection));
  }
}
