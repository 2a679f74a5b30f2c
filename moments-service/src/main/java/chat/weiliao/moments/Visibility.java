package chat.weiliao.moments;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Who sees a moment (contract 1.1 §5.3): its author and the author's contacts, checked when it is
 * read, so someone removed as a contact stops seeing it at once. A moment one may not see is
 * NOT_FOUND, exactly as one that does not exist.
 */
final class Visibility {
  private final MomentStore moments;
  private final UserApi users;

  Visibility(MomentStore moments, UserApi users) {
    this.moments = moments;
    this.users = users;
  }

  /** The stored moment if {@code viewer} may see it; NOT_FOUND otherwise. */
  Future<JsonObject> moment(String viewer, String id) {
    return moments
        .find(MomentIds.existing(id, "moment"))
        .compose(
            moment ->
                moment == null
                    ? Future.failedFuture(notFound())
                    : mayFollow(viewer, moment.getString("author"))
                        .map(
                            allowed -> {
                              if (!allowed) {
                                throw notFound();
                              }
                              return moment;
                            }));
  }

  /** Whether {@code viewer} sees what {@code author} posts: it is them, or they are contacts. */
  Future<Boolean> mayFollow(String viewer, String author) {
    return viewer.equals(author) ? Future.succeededFuture(true) : users.areContacts(viewer, author);
  }

  private static ApiException notFound() {
    return ApiException.notFound("No such moment");
  }
}
