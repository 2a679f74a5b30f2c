package chat.weiliao.moments;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.MomentsApi.AlbumRequest;
import chat.weiliao.common.bus.MomentsApi.MomentList;
import chat.weiliao.common.bus.MomentsApi.MomentRef;
import chat.weiliao.common.bus.MomentsApi.PageRequest;
import chat.weiliao.common.bus.MomentsApi.PostRequest;
import chat.weiliao.common.bus.UserApi;
import chat.weiliao.common.contract.ContractObjects.Moment;
import chat.weiliao.common.contract.EventPayloads.MomentNewPayload;
import chat.weiliao.common.contract.Wire;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Posting, reading and deleting moments. Store first, answer second, publish third. */
final class MomentHandlers {
  private final Vertx vertx;
  private final MomentStore moments;
  private final TimelineStore timeline;
  private final Timelines timelines;
  private final MomentViews views;
  private final Visibility visibility;
  private final MomentQuotas quotas;
  private final UserApi users;
  private final ChatApi chat;

  MomentHandlers(
      Vertx vertx,
      MomentStore moments,
      TimelineStore timeline,
      MomentViews views,
      Visibility visibility,
      MomentQuotas quotas,
      UserApi users,
      ChatApi chat) {
    this.vertx = vertx;
    this.moments = moments;
    this.timeline = timeline;
    this.timelines = new Timelines(timeline, moments, users);
    this.views = views;
    this.visibility = visibility;
    this.quotas = quotas;
    this.users = users;
    this.chat = chat;
  }

  /** A moment being posted: the stored document and the readers it was written to. */
  private record Posting(JsonObject moment, Set<String> readers) {}

  Future<Answer<Wire<Moment>>> post(BusCall call, PostRequest post) {
    String author = call.caller();
    return quotas
        .allowPost(author)
        .compose(allowed -> requireImages(post.images()))
        .compose(checked -> store(author, post))
        .compose(this::fanOut)
        .compose(
            posting ->
                views
                    .one(author, posting.moment())
                    .map(view -> Answer.of(Wire.<Moment>of(view)).then(() -> announce(posting))));
  }

  /** Every image must be one of our uploads stored as an image (checked one url at a time). */
  private Future<Void> requireImages(JsonArray images) {
    List<Future<String>> types = new ArrayList<>();
    images.forEach(image -> types.add(chat.mediaType(((JsonObject) image).getString("url"))));
    return Future.all(types)
        .map(
            done -> {
              for (Future<String> type : types) {
                if (type.result() == null || !type.result().startsWith("image/")) {
                  throw ApiException.invalid("images must be images uploaded with POST /api/media");
                }
              }
              return null;
            });
  }

  private Future<JsonObject> store(String author, PostRequest post) {
    long now = System.currentTimeMillis();
    JsonObject moment =
        new JsonObject()
            .put("_id", MomentIds.next(now))
            .put("author", author)
            .put("text", post.text())
            .put("images", post.images())
            .put("createdAt", now)
            .put("likes", new JsonArray())
            .put("comments", new JsonArray());
    return moments.insert(moment).map(moment);
  }

  /** Writes the moment into the timeline of its author and of each of their contacts. */
  private Future<Posting> fanOut(JsonObject moment) {
    String author = moment.getString("author");
    return users
        .contactPhones(author)
        .compose(
            contacts -> {
              contacts.add(author);
              return timeline
                  .fanOut(moment.getString("_id"), author, contacts)
                  .map(new Posting(moment, contacts));
            });
  }

  private void announce(Posting posting) {
    String author = posting.moment().getString("author");
    List<String> contacts =
        posting.readers().stream().filter(reader -> !reader.equals(author)).toList();
    Events.publish(
        vertx,
        contacts,
        ClientEvents.MOMENT_NEW.frame(
            new MomentNewPayload(posting.moment().getString("_id"), author)));
  }

  Future<Answer<Wire<Moment>>> get(BusCall call, MomentRef ref) {
    return visibility
        .moment(call.caller(), ref.id())
        .compose(moment -> views.one(call.caller(), moment))
        .map(view -> Answer.of(Wire.of(view)));
  }

  Future<Answer<Empty>> delete(BusCall call, MomentRef ref) {
    return visibility
        .moment(call.caller(), ref.id())
        .compose(
            moment -> {
              if (!moment.getString("author").equals(call.caller())) {
                throw ApiException.forbidden("Only its author can delete a moment");
              }
              String id = moment.getString("_id");
              return moments.delete(id).compose(deleted -> timeline.removeMoment(id));
            })
        .map(removed -> Answer.empty());
  }

  Future<Answer<MomentList>> timeline(BusCall call, PageRequest page) {
    return timelines
        .page(call.caller(), page.before(), page.limit())
        .compose(found -> pageBody(call.caller(), found));
  }

  /** One user's moments; only they and their contacts may look (FORBIDDEN otherwise). */
  Future<Answer<MomentList>> album(BusCall call, AlbumRequest album) {
    String author = album.author();
    PageRequest page = album.page();
    return visibility
        .mayFollow(call.caller(), author)
        .compose(
            allowed -> {
              if (!allowed) {
                throw ApiException.forbidden("Only their contacts can see someone's moments");
              }
              return moments.byAuthor(author, page.before(), page.limit() + 1);
            })
        .compose(found -> pageBody(call.caller(), MomentPage.of(found, page.limit())));
  }

  private Future<Answer<MomentList>> pageBody(String viewer, MomentPage page) {
    return views
        .page(viewer, page.shown())
        .map(shown -> Answer.of(new MomentList(Wire.list(shown), page.hasMore())));
  }
}
