package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Positions of documents by the value of one field (an index's leading key), for the embedded
 * store. Arrays are indexed by element, as MongoDB's multikey indexes are. Numbers are keyed by
 * their double value so 5, 5L and 5.0 meet; a collision of two large longs only widens the
 * candidate set, which the collection filters again with the whole query.
 */
final class LeadingKeyLookup<P> {
  private final String field;
  private final Map<Object, Set<P>> positions = new HashMap<>();

  LeadingKeyLookup(String field) {
    this.field = field;
  }

  /** Whether the query asks for one value of the field, the only shape this lookup serves. */
  boolean serves(Document query) {
    return isPlainValue(query.get(field));
  }

  /** A value an equality lookup can serve: not an operator document, an array or null. */
  static boolean isPlainValue(Object value) {
    return key(value) != null;
  }

  Iterable<P> candidates(Document query) {
    Set<P> found = positions.get(key(query.get(field)));
    return found == null ? List.of() : List.copyOf(found);
  }

  void add(Document document, P position) {
    for (Object key : keys(document)) {
      positions.computeIfAbsent(key, unused -> new LinkedHashSet<>()).add(position);
    }
  }

  void remove(Document document, P position) {
    for (Object key : keys(document)) {
      Set<P> found = positions.get(key);
      if (found != null && found.remove(position) && found.isEmpty()) {
        positions.remove(key);
      }
    }
  }

  boolean isEmpty() {
    return positions.isEmpty();
  }

  void clear() {
    positions.clear();
  }

  private Set<Object> keys(Document document) {
    Object value = Utils.getSubdocumentValueCollectionAware(document, field);
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

  /** The map key of a plain value; null for what equality lookups cannot serve (operators, arrays, null). */
  private static Object key(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String || value instanceof Boolean || value instanceof ObjectId) {
      return value;
    }
    return null;
  }
}
