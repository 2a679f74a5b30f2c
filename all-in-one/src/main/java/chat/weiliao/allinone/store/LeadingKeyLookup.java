package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Positions of documents by the value of one field (an index's leading key), for the embedded
 * store. Arrays are indexed by element, as MongoDB's multikey indexes are. Numbers are keyed by
 * their double value so 5, 5L and 5.0 meet; a collision of two large longs only widens the
 * candidate set, which the collection filters again with the whole query.
 *
 * <p>Each value's documents are kept in the order of the index's other keys ({@link IndexOrder}),
 * so a query that sorts by them reads its page from the front and stops there ({@link
 * OrderedCandidates}), as a MongoDB index scan does, instead of sorting every document of that
 * value: a conversation's newest messages cost the same at ten messages as at a million.
 */
final class LeadingKeyLookup<P> {
  private final String field;
  private final IndexOrder order;

  /**
   * Per leading value, the positions at each place in index order: one position itself, or a {@link
   * Many} when documents share the place (a unique index never has them), since a set per document
   * would double the index's memory.
   */
  private final Map<Object, NavigableMap<Object, Object>> positions = new HashMap<>();

  /** Positions that share a place in the index order. */
  static final class Many<P> extends LinkedHashSet<P> {}

  LeadingKeyLookup(List<IndexKey> keys) {
    this.field = keys.get(0).getKey();
    this.order = new IndexOrder(keys.subList(1, keys.size()));
  }

  /** Whether the query asks for one value of the field, the only shape this lookup serves. */
  boolean serves(Document query) {
    return isPlainValue(query.get(field));
  }

  /**
   * A value an equality lookup can serve: not an operator document, an array or null. Asked of
   * every key of every document written, so it boxes nothing.
   */
  static boolean isPlainValue(Object value) {
    return value instanceof Number
        || value instanceof String
        || value instanceof Boolean
        || value instanceof ObjectId;
  }

  /**
   * The positions of the documents with the query's value, in index order and narrowed to the
   * query's range on the next key. Read while the collection holds its lock (every query and write
   * of a mongo-java-server collection is synchronized on it), before anything changes it.
   */
  Iterable<P> candidates(Document query) {
    NavigableMap<Object, Object> run = positions.get(key(query.get(field)));
    return run == null
        ? List.of()
        : new OrderedCandidates<P>(order, order.narrow(run, query), false);
  }

  void add(Document document, P position) {
    Object place = order.of(document);
    for (Object key : keys(document)) {
      positions
          .computeIfAbsent(key, unused -> new TreeMap<>(order))
          .merge(place, position, LeadingKeyLookup::both);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object both(Object held, Object added) {
    Many<Object> many;
    if (held instanceof Many<?>) {
      many = (Many<Object>) held;
    } else {
      many = new Many<>();
      many.add(held);
    }
    many.add(added);
    return many;
  }

  void remove(Document document, P position) {
    Object place = order.of(document);
    for (Object key : keys(document)) {
      NavigableMap<Object, Object> run = positions.get(key);
      if (run != null) {
        run.computeIfPresent(place, (unused, held) -> without(held, position));
        if (run.isEmpty()) {
          positions.remove(key);
        }
      }
    }
  }

  /** What is left at a place once {@code position} is gone; null (nothing) removes the place. */
  private static Object without(Object held, Object position) {
    if (!(held instanceof Many<?> many)) {
      return held.equals(position) ? null : held;
    }
    many.remove(position);
    return many.size() == 1 ? many.iterator().next() : many.isEmpty() ? null : many;
  }

  boolean isEmpty() {
    return positions.isEmpty();
  }

  void clear() {
    positions.clear();
  }

  private Set<Object> keys(Document document) {
    Object value = IndexOrder.fieldValue(document, field);
    Set<Object> keys = new LinkedHashSet<>();
    if (value instanceof Collection<?> values) {
      for (Object element : values) {
        addKey(keys, element);
      }
    } else {
      addKey(keys, value);
    }
    return keys;
  }

  private static void addKey(Set<Object> keys, Object value) {
    Object key = key(value);
    if (key != null) {
      keys.add(key);
    }
  }

  /**
   * The map key of a plain value; null for what equality lookups cannot serve (operators, arrays,
   * null).
   */
  static Object key(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return isPlainValue(value) ? value : null;
  }
}
