package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A non-unique index for the embedded store, which otherwise ignores them and scans the whole
 * collection. It serves queries with an equality on the index's leading key; the collection then
 * filters, sorts and limits those candidates with the full query, as MongoDB would after an index
 * scan. It lives in memory and is rebuilt from the documents when the store opens.
 */
final class LookupIndex<P> extends Index<P> {
  private final LeadingKeyLookup<P> lookup;

  /** Where each document is, by _id: the collection asks every index for it on delete. */
  private final Map<Object, P> positionsById = new HashMap<>();

  LookupIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    lookup = new LeadingKeyLookup<>(keys);
  }

  @Override
  public P getPosition(Document document) {
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<P> collection) {}

  @Override
  public synchronized void add(Document document, P position, MongoCollection<P> collection) {
    positionsById.put(document.get("_id"), position);
    lookup.add(document, position);
  }

  @Override
  public synchronized P remove(Document document) {
    P position = positionsById.remove(document.get("_id"));
    if (position != null) {
      lookup.remove(document, position);
    }
    return position;
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return lookup.serves(query);
  }

  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    return lookup.candidates(query);
  }

  @Override
  public long getCount() {
    return positionsById.size();
  }

  @Override
  public long getDataSize() {
    return 0;
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<P> collection) {}

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
    lookup.remove(oldDocument, position);
    lookup.add(newDocument, position);
  }

  @Override
  public synchronized void drop() {
    positionsById.clear();
    lookup.clear();
  }
}
