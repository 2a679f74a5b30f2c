package chat.weiliao.allinone.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * Places and their positions already in index order, seen as a sorted map only so that {@code new
 * TreeMap<>(run)} builds its tree in one pass (TreeMap's buildFromSorted) instead of a comparison
 * and a rebalancing per entry. Only what that constructor reads is implemented.
 */
final class SortedRun<P> extends AbstractMap<Object, P> implements SortedMap<Object, P> {
  private final Comparator<Object> order;
  private final List<Object> places;
  private final List<P> positions;

  SortedRun(Comparator<Object> order, List<Object> places, List<P> positions) {
    this.order = order;
    this.places = places;
    this.positions = positions;
  }

  @Override
  public Comparator<Object> comparator() {
    return order;
  }

  @Override
  public int size() {
    return places.size();
  }

  @Override
  public Set<Entry<Object, P>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return places.size();
      }

      @Override
      public Iterator<Entry<Object, P>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < places.size();
          }

          @Override
          public Entry<Object, P> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(places.get(at), positions.get(at));
          }
        };
      }
    };
  }

  @Override
  public SortedMap<Object, P> subMap(Object fromKey, Object toKey) {
    throw onlyReadWhole();
  }

  @Override
  public SortedMap<Object, P> headMap(Object toKey) {
    throw onlyReadWhole();
  }

  @Override
  public SortedMap<Object, P> tailMap(Object fromKey) {
    throw onlyReadWhole();
  }

  @Override
  public Object firstKey() {
    throw onlyReadWhole();
  }

  @Override
  public Object lastKey() {
    throw onlyReadWhole();
  }

  private static UnsupportedOperationException onlyReadWhole() {
    return new UnsupportedOperationException("a run is only read whole, into a TreeMap");
  }
}
