package chat.weiliao.moments;

import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A reader's timeline page: their entries, newest first, keeping those whose author is still the
 * reader or a contact (asked of user-service for the page's few authors) and whose moment still
 * exists. Entries of a former contact stay, so re-adding them shows their moments again; a page
 * that meets such entries reads on in larger steps until it is full or the entries end.
 */
final class Timelines {
  private static final int MAX_STEP = 1000;
  private final TimelineStore timeline;
  private final MomentStore moments;
  private final UserApi users;

  Timelines(TimelineStore timeline, MomentStore moments, UserApi users) {
    this.timeline = timeline;
    this.moments = moments;
    this.users = users;
  }

  /** What a page has found so far: moments kept, where to read on, and whether entries remain. */
  private record Scan(
      String reader,
      int limit,
      List<JsonObject> kept,
      String readFrom,
      int step,
      boolean exhausted) {
    boolean done() {
      return exhausted || kept.size() > limit;
    }
  }

  /** Up to {@code limit} moments (stored documents) and whether more follow. */
  Future<MomentPage> page(String reader, String before, int limit) {
    return read(new Scan(reader, limit, new ArrayList<>(), before, limit + 1, false))
        .map(scan -> MomentPage.of(scan.kept(), limit));
  }

  private Future<Scan> read(Scan scan) {
    return timeline
        .page(scan.reader(), scan.readFrom(), scan.step())
        .compose(entries -> keepVisible(scan, entries))
        .compose(next -> next.done() ? Future.succeededFuture(next) : read(next));
  }

  private Future<Scan> keepVisible(Scan scan, List<JsonObject> entries) {
    Set<String> authors = new LinkedHashSet<>();
    entries.forEach(entry -> authors.add(entry.getString("author")));
    authors.remove(scan.reader());
    return users
        .contactsAmong(scan.reader(), authors)
        .compose(
            contacts -> {
              List<String> ids =
                  entries.stream()
                      .filter(
                          entry ->
                              entry.getString("author").equals(scan.reader())
                                  || contacts.contains(entry.getString("author")))
                      .map(entry -> entry.getString("momentId"))
                      .toList();
              return ids.isEmpty()
                  ? Future.succeededFuture(List.<JsonObject>of())
                  : moments.byIds(ids);
            })
        .map(
            found -> {
              List<JsonObject> kept = new ArrayList<>(scan.kept());
              found.stream()
                  .sorted(
                      Comparator.comparing((JsonObject moment) -> moment.getString("_id"))
                          .reversed())
                  .forEach(kept::add);
              String last =
                  entries.isEmpty()
                      ? scan.readFrom()
                      : entries.get(entries.size() - 1).getString("momentId");
              return new Scan(
                  scan.reader(),
                  scan.limit(),
                  kept,
                  last,
                  Math.min(MAX_STEP, scan.step() * 4),
                  entries.size() < scan.step());
            });
  }
}
