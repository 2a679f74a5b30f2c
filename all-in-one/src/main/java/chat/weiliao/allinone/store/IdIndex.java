package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * The unique _id index of a file-store collection, answered by the collection's own map of
 * documents, which is keyed by _id already: no second copy of every _id, in the file or in memory.
 * A document's position in the collection is its _id.
 */
final class IdIndex extends AbstractUniqueIndex<Object> {
  private final MVMap<Object, Document> documents;

  IdIndex(MVMap<Object, Document> documents, String name, List<IndexKey> keys) {
    super(name, keys, false);
    this.documents = documents;
  }

  @Override
  protected Object getPosition(KeyValue key) {
    Object id = key.get(0);
    return documents.containsKey(id) ? id : null;
  }

  /**
   * The collection has stored the document in the map by now (it checks every index, stores, then
   * adds to every index), so there is nothing to add, and checking again would find the document
   * itself.
   */
  @Override
  public void add(Document document, Object position, MongoCollection<Object> collection) {}

  @Override
  protected boolean putKeyPosition(KeyValue key, Object position) {
    return true;
  }

  /** The collection removes the document from its map itself. */
  @Override
  protected Object removeDocument(KeyValue key) {
    return key.get(0);
  }

  @Override
  protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
    return () ->
        documents.keySet().stream()
            .map(
                id ->
                    (Map.Entry<KeyValue, Object>)
                        new AbstractMap.SimpleImmutableEntry<>(new KeyValue(id), id))
            .iterator();
  }

  @Override
  public long getCount() {
    return documents.sizeAsLong();
  }

  @Override
  public boolean isEmpty() {
    return documents.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }
}
