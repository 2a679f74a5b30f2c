package chat.weiliao.moments;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.MomentsApi.CommentRef;
import chat.weiliao.common.bus.MomentsApi.CommentRequest;
import chat.weiliao.common.bus.MomentsApi.MomentRef;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.ContractObjects.Comment;
import chat.weiliao.common.contract.EventPayloads.ActivityKind;
import chat.weiliao.common.contract.EventPayloads.MomentActivityPayload;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Likes and comments. {@code moment.activity} goes to the moment's author and, for a reply, to the
 * one replied to, each only if they may see the actor's activity (the actor is their contact) and
 * never for their own actions.
 */
final class ActivityHandlers {
  private final Vertx vertx;
  private final MomentStore moments;
  private final Visibility visibility;
  private final MomentQuotas quotas;
  private final UserApi users;

  ActivityHandlers(
      Vertx vertx, MomentStore moments, Visibility visibility, MomentQuotas quotas, UserApi users) {
    this.vertx = vertx;
    this.moments = moments;
    this.visibility = visibility;
    this.quotas = quotas;
    this.users = users;
  }

  Future<Answer<Empty>> like(BusCall call, MomentRef ref) {
    String from = call.caller();
    return visibility
        .moment(from, ref.id())
        .compose(
            moment ->
                moments
                    .like(moment.getString("_id"), from, System.currentTimeMillis())
                    .map(
                        added ->
                            added
                                ? Answer.empty().then(() -> tellOfLike(moment, from))
                                : Answer.empty()));
  }

  Future<Answer<Empty>> unlike(BusCall call, MomentRef ref) {
    return visibility
        .moment(call.caller(), ref.id())
        .compose(moment -> moments.unlike(moment.getString("_id"), call.caller()))
        .map(removed -> Answer.empty());
  }

  Future<Answer<Wire<Comment>>> comment(BusCall call, CommentRequest asked) {
    String from = call.caller();
    return visibility
        .moment(from, asked.momentId())
        .map(moment -> requireCommenter(moment, asked.replyTo()))
        .compose(moment -> quotas.allowComment(from).map(moment))
        .compose(moment -> append(moment, from, asked));
  }

  /** A reply answers someone who commented on this moment. */
  private static JsonObject requireCommenter(JsonObject moment, String replyTo) {
    boolean commented =
        replyTo == null
            || moment.getJsonArray("comments").stream()
                .anyMatch(comment -> replyTo.equals(((JsonObject) comment).getString("from")));
    if (!commented) {
      throw ApiException.invalid("replyTo must be someone who commented on this moment");
    }
    return moment;
  }

  private Future<Answer<Wire<Comment>>> append(
      JsonObject moment, String from, CommentRequest asked) {
    long now = System.currentTimeMillis();
    JsonObject comment =
        new JsonObject()
            .put("id", MomentIds.next(now))
            .put("from", from)
            .put("replyTo", asked.replyTo())
            .put("text", asked.text())
            .put("createdAt", now);
    return moments
        .addComment(moment.getString("_id"), comment)
        .compose(
            added -> {
              if (!added) {
                return Future.failedFuture(
                    ApiException.invalid("This moment has as many comments as it can hold"));
              }
              return commentAsSeenBy(from, comment)
                  .map(
                      view ->
                          Answer.of(Wire.<Comment>of(view))
                              .then(() -> tellOfComment(moment, comment)));
            });
  }

  Future<Answer<Empty>> deleteComment(BusCall call, CommentRef ref) {
    String caller = call.caller();
    String commentId = MomentIds.existing(ref.commentId(), "comment");
    return visibility
        .moment(caller, ref.momentId())
        .compose(
            moment -> {
              JsonObject comment =
                  moment.getJsonArray("comments").stream()
                      .map(JsonObject.class::cast)
                      .filter(candidate -> commentId.equals(candidate.getString("id")))
                      .findFirst()
                      .orElseThrow(() -> ApiException.notFound("No such comment"));
              if (!caller.equals(comment.getString("from"))
                  && !caller.equals(moment.getString("author"))) {
                throw ApiException.forbidden(
                    "Only the comment's author or the moment's author can delete it");
              }
              return moments.removeComment(moment.getString("_id"), commentId);
            })
        .map(removed -> Answer.empty());
  }

  /** The author sees every actor: only their contacts can see the moment to act on it. */
  private void tellOfLike(JsonObject moment, String from) {
    String author = moment.getString("author");
    if (!author.equals(from)) {
      Events.publish(
          vertx,
          author,
          ClientEvents.MOMENT_ACTIVITY,
          new MomentActivityPayload(moment.getString("_id"), ActivityKind.like, from, null));
    }
  }

  private void tellOfComment(JsonObject moment, JsonObject comment) {
    String from = comment.getString("from");
    String author = moment.getString("author");
    String replyTo = comment.getString("replyTo");
    if (!author.equals(from)) {
      tell(author, moment, comment);
    }
    if (replyTo != null && !replyTo.equals(from) && !replyTo.equals(author)) {
      users
          .areContacts(replyTo, from)
          .onSuccess(
              sees -> {
                if (sees) {
                  tell(replyTo, moment, comment);
                }
              });
    }
  }

  /** A comment event carries the comment with names as its recipient sees them. */
  private void tell(String recipient, JsonObject moment, JsonObject comment) {
    commentAsSeenBy(recipient, comment)
        .onSuccess(
            view ->
                Events.publish(
                    vertx,
                    recipient,
                    ClientEvents.MOMENT_ACTIVITY,
                    new MomentActivityPayload(
                        moment.getString("_id"),
                        ActivityKind.comment,
                        comment.getString("from"),
                        Wire.of(view))));
  }

  private Future<JsonObject> commentAsSeenBy(String viewer, JsonObject comment) {
    List<String> people =
        comment.getString("replyTo") == null
            ? List.of(comment.getString("from"))
            : List.of(comment.getString("from"), comment.getString("replyTo"));
    return users.profiles(viewer, people).map(profiles -> MomentViews.comment(comment, profiles));
  }
}
