package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The order of an index's keys after its leading one (for {@code {conversationId, seq}}: seq
 * ascending), which the embedded store keeps each leading value's documents in. It also narrows
 * such a run to a range the query asks of its first key ({@code seq: {$lt: 40}}); the narrowed run
 * is a superset of the matches, which the collection still filters with the whole query.
 */
final class IndexOrder implements Comparator<Object> {
  private static final ValueComparator VALUES = ValueComparator.asc();
  private static final Key NO_KEYS = new Key(new Object[0], 0);
  private final List<IndexKey> keys;

  /**
   * A place in the order: the values of a document's keys, in index order, and 0; a bound of a
   * range has START or END for every key after the first and as its tail, so it sorts before or
   * after every document that shares its first value, however many keys there are. A document's
   * place in an order of one key is that key's value itself, not a Key: one object less per
   * document and index, a million of them for the messages' two unique indexes.
   */
  record Key(Object[] values, int tail) {}

  /** Before and after every value, in iteration order whatever a key's direction. */
  private enum Bound {
    START,
    END
  }

  IndexOrder(List<IndexKey> keys) {
    this.keys = keys;
  }

  List<IndexKey> keys() {
    return keys;
  }

  /** The document's place: its one key's value, or a {@link Key} of its values. */
  Object of(Document document) {
    if (keys.isEmpty()) {
      return NO_KEYS;
    }
    if (keys.size() == 1) {
      Object value = fieldValue(document, keys.get(0).getKey());
      return value == null || value instanceof Key ? new Key(new Object[] {value}, 0) : value;
    }
    Object[] values = new Object[keys.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = fieldValue(document, keys.get(i).getKey());
    }
    return new Key(values, 0);
  }

  /**
   * Utils.getSubdocumentValueCollectionAware, which splits every key with a regular expression
   * first (a fifth of the CPU of rebuilding the indexes at open); a top-level key is the document's
   * own field, as that method finds it (hand-written; dotted paths still go to it).
   */
  static Object fieldValue(Document document, String key) {
    return key.indexOf('.') < 0 && !key.equals("$")
        ? document.getOrMissing(key)
        : Utils.getSubdocumentValueCollectionAware(document, key);
  }

  /** The value of the i-th key at a place (see {@link #of}). */
  static Object valueAt(Object place, int i) {
    return place instanceof Key key ? key.values()[i] : place;
  }

  private static int tail(Object place) {
    return place instanceof Key key ? key.tail() : 0;
  }

  @Override
  public int compare(Object a, Object b) {
    for (int i = 0; i < keys.size(); i++) {
      int order = compare(valueAt(a, i), valueAt(b, i), keys.get(i).isAscending());
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(tail(a), tail(b));
  }

  private static int compare(Object a, Object b, boolean ascending) {
    if (a instanceof Bound || b instanceof Bound) {
      return Integer.compare(rank(a), rank(b));
    }
    int order = sameTypeOrder(a, b);
    return ascending ? order : -order;
  }

  /**
   * ValueComparator's order, found directly for the types index keys hold here: whole numbers (it
   * compares them as doubles, the same order up to 2^53) and strings. Its general path looks each
   * value's type up in a list first, and was 40 % of the CPU of rebuilding the indexes of a million
   * messages at open.
   */
  private static int sameTypeOrder(Object a, Object b) {
    if (isWhole(a) && isWhole(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    if (a instanceof String left && b instanceof String right) {
      return Integer.signum(left.compareTo(right));
    }
    return VALUES.compare(a, b);
  }

  private static boolean isWhole(Object value) {
    return value instanceof Long || value instanceof Integer;
  }

  private static int rank(Object value) {
    return value == Bound.START ? -1 : value == Bound.END ? 1 : 0;
  }

  /** The part of {@code run} that can hold matches of the query's condition on the first key. */
  <V> NavigableMap<Object, V> narrow(NavigableMap<Object, V> run, Document query) {
    if (keys.isEmpty()) {
      return run;
    }
    Range range = new Range();
    Object condition = query.get(keys.get(0).getKey());
    if (LeadingKeyLookup.isPlainValue(condition)) {
      range.after(at(condition, Bound.START));
      range.before(at(condition, Bound.END));
    } else if (condition instanceof Document operators) {
      boolean ascending = keys.get(0).isAscending();
      for (Map.Entry<String, Object> operator : operators.entrySet()) {
        if (LeadingKeyLookup.isPlainValue(operator.getValue())) {
          bound(range, operator.getKey(), operator.getValue(), ascending);
        }
      }
    }
    return range.of(run);
  }

  /**
   * A comparison on the first key as a bound in iteration order (a descending key walks high to
   * low).
   */
  private void bound(Range range, String operator, Object value, boolean ascending) {
    switch (operator) {
      case "$lt" -> range.limit(ascending, at(value, ascending ? Bound.START : Bound.END));
      case "$lte" -> range.limit(ascending, at(value, ascending ? Bound.END : Bound.START));
      case "$gt" -> range.limit(!ascending, at(value, ascending ? Bound.END : Bound.START));
      case "$gte" -> range.limit(!ascending, at(value, ascending ? Bound.START : Bound.END));
      default -> {}
    }
  }

  /** Exclusive bounds in iteration order, the tightest of those given. */
  private final class Range {
    private Key low;
    private Key high;

    void limit(boolean upper, Key bound) {
      if (upper) {
        before(bound);
      } else {
        after(bound);
      }
    }

    void after(Key bound) {
      low = low == null || compare(bound, low) > 0 ? bound : low;
    }

    void before(Key bound) {
      high = high == null || compare(bound, high) < 0 ? bound : high;
    }

    <V> NavigableMap<Object, V> of(NavigableMap<Object, V> run) {
      if (low != null && high != null) {
        return compare(low, high) < 0
            ? run.subMap(low, false, high, false)
            : new java.util.TreeMap<>(IndexOrder.this);
      }
      return low != null ? run.tailMap(low, false) : high != null ? run.headMap(high, false) : run;
    }
  }

  /** The key with {@code value} first and {@code bound} for every later key. */
  private Key at(Object value, Bound bound) {
    Object[] values = new Object[keys.size()];
    java.util.Arrays.fill(values, bound);
    values[0] = value;
    return new Key(values, rank(bound));
  }

  /**
   * Whether walking a run forward (1) or backward (-1) gives the sort order asked for, which must
   * be these keys' first ones, in the same directions or all reversed; 0 otherwise.
   */
  int walkFor(Document orderBy) {
    if (orderBy == null || orderBy.isEmpty() || orderBy.size() > keys.size()) {
      return 0;
    }
    int walk = 0;
    int i = 0;
    for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
      IndexKey key = keys.get(i++);
      if (!key.getKey().equals(sort.getKey()) || !(sort.getValue() instanceof Number direction)) {
        return 0;
      }
      int same = (direction.intValue() > 0) == key.isAscending() ? 1 : -1;
      if (walk != 0 && same != walk) {
        return 0;
      }
      walk = same;
    }
    return walk;
  }
}
