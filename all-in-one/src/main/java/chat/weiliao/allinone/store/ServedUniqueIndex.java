package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index of one key that also serves queries on that key with other conditions. The store
 * uses a unique index only when a query names exactly its keys with plain values, so {@code {_id,
 * lastSeq: {$lt: n}}} scanned the whole collection; here it reads the document with that _id. A
 * unique index of more keys serves its leading key itself ({@link CompoundUniqueIndex}).
 */
final class ServedUniqueIndex<P> extends Index<P> {
  private final Index<P> unique;
  private final String key;

  ServedUniqueIndex(Index<P> unique, boolean sparse) {
    super(unique.getName(), unique.getKeys(), sparse);
    this.unique = unique;
    this.key = unique.getKeys().get(0).getKey();
  }

  @Override
  public synchronized boolean isEmpty() {
    return unique.isEmpty();
  }

  @Override
  public P getPosition(Document document) {
    return unique.getPosition(document);
  }

  @Override
  public synchronized void checkAdd(Document document, MongoCollection<P> collection) {
    unique.checkAdd(document, collection);
  }

  @Override
  public synchronized void add(Document document, P position, MongoCollection<P> collection) {
    unique.add(document, position, collection);
  }

  @Override
  public synchronized P remove(Document document) {
    return unique.remove(document);
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return unique.canHandle(query) || LeadingKeyLookup.isPlainValue(query.get(key));
  }

  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    return unique.canHandle(query)
        ? unique.getPositions(query)
        : unique.getPositions(new Document(key, query.get(key)));
  }

  @Override
  public long getCount() {
    return unique.getCount();
  }

  @Override
  public long getDataSize() {
    return unique.getDataSize();
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    unique.checkUpdate(oldDocument, newDocument, collection);
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
      throws KeyConstraintError {
    unique.updateInPlace(oldDocument, newDocument, position, collection);
  }

  @Override
  public boolean isUnique() {
    return true;
  }

  @Override
  public synchronized void drop() {
    unique.drop();
  }
}
