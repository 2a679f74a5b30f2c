package chat.weiliao.moments;

import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Moments as one viewer sees them (WeChat's rule, contract 1.1 §5.3): inside a moment, only the
 * likes and comments of the viewer and of the viewer's own contacts. What it asks of user-service
 * follows the page (its authors and actors), never the size of anyone's contact list.
 */
final class MomentViews {
  private final UserApi users;

  MomentViews(UserApi users) {
    this.users = users;
  }

  Future<JsonObject> one(String viewer, JsonObject moment) {
    return page(viewer, List.of(moment)).map(views -> views.getJsonObject(0));
  }

  Future<JsonArray> page(String viewer, List<JsonObject> moments) {
    Set<String> actors = actorsOf(moments);
    actors.remove(viewer);
    return users
        .contactsAmong(viewer, actors)
        .compose(
            contacts -> {
              Set<String> seen = new HashSet<>(contacts);
              seen.add(viewer);
              return users
                  .profiles(viewer, peopleShown(moments, seen))
                  .map(profiles -> viewsOf(moments, seen, profiles));
            });
  }

  /** Everyone who liked or commented on any of the moments. */
  private static Set<String> actorsOf(List<JsonObject> moments) {
    Set<String> actors = new LinkedHashSet<>();
    for (JsonObject moment : moments) {
      likes(moment).forEach(like -> actors.add(((JsonObject) like).getString("phone")));
      comments(moment).forEach(comment -> actors.add(((JsonObject) comment).getString("from")));
    }
    return actors;
  }

  /**
   * Whose profiles the views show: the authors, the visible actors and whom their comments answer.
   */
  private static Set<String> peopleShown(List<JsonObject> moments, Set<String> seen) {
    Set<String> people = new LinkedHashSet<>();
    for (JsonObject moment : moments) {
      people.add(moment.getString("author"));
      for (Object like : likes(moment)) {
        String phone = ((JsonObject) like).getString("phone");
        if (seen.contains(phone)) {
          people.add(phone);
        }
      }
      for (Object item : comments(moment)) {
        JsonObject comment = (JsonObject) item;
        if (seen.contains(comment.getString("from"))) {
          people.add(comment.getString("from"));
          if (comment.getString("replyTo") != null) {
            people.add(comment.getString("replyTo"));
          }
        }
      }
    }
    return people;
  }

  private static JsonArray viewsOf(
      List<JsonObject> moments, Set<String> seen, JsonObject profiles) {
    JsonArray views = new JsonArray();
    moments.forEach(moment -> views.add(view(moment, seen, profiles)));
    return views;
  }

  private static JsonObject view(JsonObject moment, Set<String> seen, JsonObject profiles) {
    JsonArray likes = new JsonArray();
    for (Object item : likes(moment)) {
      String phone = ((JsonObject) item).getString("phone");
      if (seen.contains(phone)) {
        likes.add(user(profiles, phone));
      }
    }
    JsonArray comments = new JsonArray();
    for (Object item : comments(moment)) {
      JsonObject comment = (JsonObject) item;
      if (seen.contains(comment.getString("from"))) {
        comments.add(comment(comment, profiles));
      }
    }
    return new JsonObject()
        .put("id", moment.getString("_id"))
        .put("author", user(profiles, moment.getString("author")))
        .put("text", moment.getString("text", ""))
        .put("images", moment.getJsonArray("images", new JsonArray()))
        .put("createdAt", moment.getLong("createdAt"))
        .put("likes", likes)
        .put("comments", comments);
  }

  /** The contract's comment: {@code {id, from: user, replyTo: user | null, text, createdAt}}. */
  static JsonObject comment(JsonObject stored, JsonObject profiles) {
    String replyTo = stored.getString("replyTo");
    return new JsonObject()
        .put("id", stored.getString("id"))
        .put("from", user(profiles, stored.getString("from")))
        .put("replyTo", replyTo == null ? null : user(profiles, replyTo))
        .put("text", stored.getString("text"))
        .put("createdAt", stored.getLong("createdAt"));
  }

  /** The profile as the viewer sees it; a bare {phone} for someone user-service no longer knows. */
  private static JsonObject user(JsonObject profiles, String phone) {
    JsonObject profile = profiles.getJsonObject(phone);
    return profile != null ? profile : new JsonObject().put("phone", phone);
  }

  private static JsonArray likes(JsonObject moment) {
    return moment.getJsonArray("likes", new JsonArray());
  }

  private static JsonArray comments(JsonObject moment) {
    return moment.getJsonArray("comments", new JsonArray());
  }
}
