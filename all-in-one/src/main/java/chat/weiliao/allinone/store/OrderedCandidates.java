package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The candidates of one leading value, in index order. A collection asked to sort them by the
 * index's next keys walks them in that order (forward or backward) instead of sorting, so with a
 * limit it reads only the documents it returns (plus those its filter skips).
 */
final class OrderedCandidates<P> implements Iterable<P> {
  private final IndexOrder order;

  /** Each place holds one position or a {@link LeadingKeyLookup.Many} of them. */
  private final NavigableMap<Object, ?> run;

  /**
   * Whether a position can be at several places (a document with an array in a key after the
   * leading one is at each of its elements); it is then read at the first.
   */
  private final boolean multikey;

  OrderedCandidates(IndexOrder order, NavigableMap<Object, ?> run, boolean multikey) {
    this.order = order;
    this.run = run;
    this.multikey = multikey;
  }

  @Override
  public Iterator<P> iterator() {
    return flatten(run.values(), multikey);
  }

  /**
   * The candidates already in the order {@code orderBy} asks, or null when that is not an order of
   * the index (then the collection sorts them itself).
   */
  private static <P> Iterable<P> sortedFor(Iterable<P> candidates, Document orderBy) {
    if (!(candidates instanceof OrderedCandidates<P> ordered)) {
      return null;
    }
    int walk = ordered.order.walkFor(orderBy);
    if (walk == 0) {
      return null;
    }
    return walk > 0
        ? ordered
        : () -> flatten(ordered.run.descendingMap().values(), ordered.multikey);
  }

  /**
   * A collection's match of index candidates: {@code match} (the collection's own) gets them in the
   * order asked and no order to sort by when the index has that order, else as they are.
   */
  static <P> QueryResult matchInOrder(
      Iterable<P> candidates,
      Document orderBy,
      BiFunction<Iterable<P>, Document, QueryResult> match) {
    Iterable<P> sorted = sortedFor(candidates, orderBy);
    return sorted == null ? match.apply(candidates, orderBy) : match.apply(sorted, null);
  }

  @SuppressWarnings("unchecked")
  private static <P> Iterator<P> flatten(Collection<?> places, boolean multikey) {
    Stream<P> positions =
        places.stream()
            .flatMap(
                held ->
                    held instanceof LeadingKeyLookup.Many<?> many
                        ? ((LeadingKeyLookup.Many<P>) many).stream()
                        : Stream.of((P) held));
    return (multikey ? positions.distinct() : positions).iterator();
  }
}
