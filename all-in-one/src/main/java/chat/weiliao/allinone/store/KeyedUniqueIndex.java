package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unique index of the file store, in memory and rebuilt from the documents when the store opens
 * (as {@link LookupIndex} is). Kept in the file, every insert would rewrite a page of each unique
 * index at a random place in it, and those pages were most of what the file store wrote and then
 * had to compact away. The _id index is the documents' own map ({@link IdIndex}).
 */
final class KeyedUniqueIndex<P> extends AbstractUniqueIndex<P> {
  private final Map<KeyValue, P> positions = new ConcurrentHashMap<>();

  KeyedUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
  }

  @Override
  protected P removeDocument(KeyValue key) {
    return positions.remove(key);
  }

  @Override
  protected boolean putKeyPosition(KeyValue key, P position) {
    return positions.putIfAbsent(key, position) == null;
  }

  @Override
  protected Iterable<Map.Entry<KeyValue, P>> getIterable() {
    return positions.entrySet();
  }

  @Override
  protected P getPosition(KeyValue key) {
    return positions.get(key);
  }

  @Override
  public long getCount() {
    return positions.size();
  }

  @Override
  public boolean isEmpty() {
    return positions.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }
}
