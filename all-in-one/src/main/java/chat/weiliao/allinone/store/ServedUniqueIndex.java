package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index of the embedded store that also serves queries on its leading key alone. The store
 * uses a unique index only when a query names exactly its keys with plain values, so {@code {_id,
 * lastSeq: {$lt: n}}} or {@code {conversationId, seq: {$gt: n}}} scanned the whole collection; here
 * they read the few documents with that _id or conversationId.
 *
 * <p>A one-key index answers for its key itself (the document with that _id). A compound one keeps
 * a lookup by its leading key beside the wrapped index, which keeps the constraint. Both are in
 * memory (the file store's _id index aside, which is its map of documents), so when a store opens
 * the collection fills them by adding every stored document.
 */
final class ServedUniqueIndex<P> extends Index<P> {
  private final Index<P> unique;
  private final String leadingKey;

  /** Null for a one-key index. */
  private final LeadingKeyLookup<P> lookup;

  ServedUniqueIndex(Index<P> unique, boolean sparse) {
    super(unique.getName(), unique.getKeys(), sparse);
    this.unique = unique;
    this.leadingKey = unique.getKeys().get(0).getKey();
    this.lookup = unique.getKeys().size() > 1 ? new LeadingKeyLookup<>(unique.getKeys()) : null;
  }

  @Override
  public synchronized boolean isEmpty() {
    return lookup == null ? unique.isEmpty() : lookup.isEmpty();
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
    if (lookup != null) {
      lookup.add(document, position);
    }
  }

  @Override
  public synchronized P remove(Document document) {
    P position = unique.remove(document);
    if (position != null && lookup != null) {
      lookup.remove(document, position);
    }
    return position;
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return unique.canHandle(query)
        || (lookup == null
            ? LeadingKeyLookup.isPlainValue(query.get(leadingKey))
            : lookup.serves(query));
  }

  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    if (unique.canHandle(query)) {
      return unique.getPositions(query);
    }
    return lookup == null
        ? unique.getPositions(new Document(leadingKey, query.get(leadingKey)))
        : lookup.candidates(query);
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
    if (lookup != null) {
      lookup.remove(oldDocument, position);
      lookup.add(newDocument, position);
    }
  }

  @Override
  public boolean isUnique() {
    return true;
  }

  @Override
  public synchronized void drop() {
    unique.drop();
    if (lookup != null) {
      lookup.clear();
    }
  }
}
