package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A unique index of two or more keys for the embedded store, in memory and rebuilt from the
 * documents when the store opens. It is one structure for two jobs: per value of the leading key,
 * the positions sorted by the other keys ({@link IndexOrder}). The constraint is a lookup in that
 * value's sorted map, and the same map serves queries on the leading key alone in index order
 * ({@code {conversationId, seq: {$gt: n}}} sorted by seq), which mongo-java-server's unique index
 * does not (it is used only when a query names all its keys with plain values). Before, a hash map
 * of mongo-java-server's keys and a lookup by leading key held the same keys twice, and refilling
 * them for a million messages was most of a 27 s restart.
 *
 * <p>A document whose keys are all plain values (numbers, strings, booleans, ObjectIds: every
 * document Weiliao writes) is added from its own field values; any other (an array, a missing
 * field, null, a sub-document) goes through mongo-java-server's general path with its keys.
 */
final class CompoundUniqueIndex<P> extends AbstractUniqueIndex<P> {
  /** The map key of null and missing leading values, which a unique index holds once. */
  private static final Object NO_VALUE = new Object();

  private final String leadingKey;
  private final IndexOrder order;
  private final Map<Object, NavigableMap<Object, P>> positions = new HashMap<>();
  private long count;

  /** Whether a document was added at more than one place (an array in one of its keys). */
  private boolean multikey;

  CompoundUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.leadingKey = keys.get(0).getKey();
    this.order = new IndexOrder(keys.subList(1, keys.size()));
  }

  /** The usual case without building mongo-java-server's key sets (streams and path splits). */
  @Override
  public synchronized void add(Document document, P position, MongoCollection<P> collection) {
    Object leading = IndexOrder.fieldValue(document, leadingKey);
    Object place = order.of(document);
    Object runKey = LeadingKeyLookup.key(leading);
    if (runKey == null || !allPlain(place, getKeys().size() - 1)) {
      long before = count;
      super.add(document, position, collection);
      multikey |= count > before + 1;
      return;
    }
    if (!put(runKey, place, position)) {
      throw new DuplicateKeyError(this, collection, getKeys(), keyValue(leading, place));
    }
  }

  private static boolean allPlain(Object place, int keys) {
    for (int i = 0; i < keys; i++) {
      if (!LeadingKeyLookup.isPlainValue(IndexOrder.valueAt(place, i))) {
        return false;
      }
    }
    return true;
  }

  private KeyValue keyValue(Object leading, Object place) {
    List<Object> values = new ArrayList<>();
    values.add(leading);
    for (int i = 1; i < getKeys().size(); i++) {
      values.add(IndexOrder.valueAt(place, i - 1));
    }
    return new KeyValue(values);
  }

  private boolean put(Object leading, Object place, P position) {
    boolean added =
        positions
                .computeIfAbsent(leading, unused -> new TreeMap<>(order))
                .putIfAbsent(place, position)
            == null;
    if (added) {
      count++;
    }
    return added;
  }

  @Override
  protected synchronized boolean putKeyPosition(KeyValue key, P position) {
    return put(leading(key), place(key), position);
  }

  @Override
  protected synchronized P getPosition(KeyValue key) {
    NavigableMap<Object, P> run = positions.get(leading(key));
    return run == null ? null : run.get(place(key));
  }

  @Override
  protected synchronized P removeDocument(KeyValue key) {
    Object leading = leading(key);
    NavigableMap<Object, P> run = positions.get(leading);
    P removed = run == null ? null : run.remove(place(key));
    if (removed != null) {
      count--;
      if (run.isEmpty()) {
        positions.remove(leading);
      }
    }
    return removed;
  }

  private static Object leading(KeyValue key) {
    Object value = key.get(0);
    return value == null || value instanceof Missing
        ? NO_VALUE
        : LeadingKeyLookup.isPlainValue(value) ? LeadingKeyLookup.key(value) : value;
  }

  /**
   * The place of a key in its sorted map: a Key, which sorts as the one value {@link IndexOrder#of}
   * gives.
   */
  private static Object place(KeyValue key) {
    Object[] values = new Object[key.size() - 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = key.get(i + 1);
    }
    return new IndexOrder.Key(values, 0);
  }

  /** Every key with its position; mongo-java-server reads it only for one-key indexes' regexes. */
  @Override
  protected synchronized Iterable<Map.Entry<KeyValue, P>> getIterable() {
    List<Map.Entry<KeyValue, P>> entries = new ArrayList<>();
    positions.forEach(
        (leading, run) ->
            run.forEach(
                (place, position) ->
                    entries.add(
                        new AbstractMap.SimpleImmutableEntry<>(
                            keyValue(leading == NO_VALUE ? null : leading, place), position))));
    return entries;
  }

  @Override
  public synchronized P getPosition(Document document) {
    return super.getPosition(document);
  }

  /** The query names all keys with plain values (mongo-java-server's case) or one leading value. */
  @Override
  public synchronized boolean canHandle(Document query) {
    return super.canHandle(query) || LeadingKeyLookup.isPlainValue(query.get(leadingKey));
  }

  /**
   * A leading value's positions in index order, narrowed to the query's range on the next key. Read
   * while the collection holds its lock, before anything changes them ({@link OrderedCandidates}).
   */
  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    if (super.canHandle(query)) {
      return super.getPositions(query);
    }
    NavigableMap<Object, P> run = positions.get(LeadingKeyLookup.key(query.get(leadingKey)));
    return run == null
        ? List.of()
        : new OrderedCandidates<P>(order, order.narrow(run, query), multikey);
  }

  /**
   * The index's content for a snapshot ({@link IndexSnapshot}): each leading value (null for
   * documents without one) with its positions in index order.
   */
  synchronized void forEachRun(BiConsumer<Object, NavigableMap<Object, P>> action) {
    positions.forEach((leading, run) -> action.accept(leading == NO_VALUE ? null : leading, run));
  }

  synchronized boolean isMultikey() {
    return multikey;
  }

  /**
   * Restores one leading value's run from a snapshot, its places already in index order: the sorted
   * map is built from them in one pass, without comparing a key.
   */
  synchronized void restoreRun(Object leading, List<Object> places, List<P> runPositions) {
    TreeMap<Object, P> run = new TreeMap<>(new SortedRun<>(order, places, runPositions));
    positions.put(leading == null ? NO_VALUE : leading, run);
    count += places.size();
  }

  synchronized void restoredMultikey(boolean restored) {
    multikey = restored;
  }

  @Override
  public synchronized long getCount() {
    return count;
  }

  @Override
  public synchronized boolean isEmpty() {
    return count == 0;
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  public synchronized void drop() {
    super.drop();
    positions.clear();
    count = 0;
    multikey = false;
  }
}
