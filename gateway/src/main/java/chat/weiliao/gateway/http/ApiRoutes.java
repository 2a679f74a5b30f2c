package chat.weiliao.gateway.http;

import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.MomentsApi;
import chat.weiliao.common.bus.SignalingApi;
import chat.weiliao.common.bus.UserApi;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Every {@code /api} route of the contract and the service action that serves it. */
public final class ApiRoutes {
  /** The contract's limit on an HTTP JSON body. */
  public static final int MAX_JSON_BODY = 64 * 1024;

  private ApiRoutes() {}

  public static void mount(
      Router router,
      BusRoute bus,
      Handler<RoutingContext> authenticated,
      UserApi users,
      ChatApi chat,
      SignalingApi signaling,
      MomentsApi moments) {
    MediaRoutes media = new MediaRoutes(chat);
    router
        .post("/api/media")
        .handler(MediaRoutes::holdBody)
        .handler(authenticated)
        .handler(media::upload);
    router.get("/api/media/:id").handler(media::download);

    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_JSON_BODY));

    router.post("/api/auth/register").handler(bus.to(users, UserApi.REGISTER.name(), 201));
    router.post("/api/auth/login").handler(bus.to(users, UserApi.LOGIN.name(), 200));
    router.post("/api/auth/refresh").handler(bus.to(users, UserApi.REFRESH.name(), 200));

    router.route("/api/*").handler(authenticated);

    router.post("/api/auth/logout").handler(bus.to(users, UserApi.LOGOUT.name(), 204));
    router.get("/api/users/me").handler(bus.to(users, UserApi.ME.name(), 200));
    router.patch("/api/users/me").handler(bus.to(users, UserApi.UPDATE_ME.name(), 200));
    router.get("/api/users/search").handler(bus.to(users, UserApi.SEARCH.name(), 200));
    router.get("/api/users/:phone").handler(bus.to(users, UserApi.GET.name(), 200));
    router.get("/api/users/:phone/moments").handler(bus.to(moments, MomentsApi.ALBUM.name(), 200));

    router
        .post("/api/contacts/requests")
        .handler(bus.to(users, UserApi.CREATE_REQUEST.name(), 201));
    router.get("/api/contacts/requests").handler(bus.to(users, UserApi.LIST_REQUESTS.name(), 200));
    router
        .post("/api/contacts/requests/:id/accept")
        .handler(bus.to(users, UserApi.ACCEPT_REQUEST.name(), 200));
    router
        .post("/api/contacts/requests/:id/decline")
        .handler(bus.to(users, UserApi.DECLINE_REQUEST.name(), 204));
    router.get("/api/contacts").handler(bus.to(users, UserApi.CONTACTS.name(), 200));
    router.patch("/api/contacts/:phone").handler(bus.to(users, UserApi.UPDATE_CONTACT.name(), 200));
    router
        .delete("/api/contacts/:phone")
        .handler(bus.to(users, UserApi.DELETE_CONTACT.name(), 204));

    router.get("/api/conversations").handler(bus.to(chat, ChatApi.CONVERSATIONS.name(), 200));
    router
        .patch("/api/conversations/:conversationId")
        .handler(bus.to(chat, ChatApi.UPDATE_CONVERSATION.name(), 200));
    router
        .get("/api/conversations/:conversationId/messages")
        .handler(bus.to(chat, ChatApi.HISTORY.name(), 200));
    router
        .post("/api/conversations/:conversationId/read")
        .handler(bus.to(chat, ChatApi.READ.name(), 204));

    router.get("/api/push/key").handler(bus.to(users, UserApi.PUSH_KEY.name(), 200));
    router
        .post("/api/push/subscriptions")
        .handler(bus.to(users, UserApi.PUSH_SUBSCRIBE.name(), 201));
    router
        .delete("/api/push/subscriptions")
        .handler(bus.to(users, UserApi.PUSH_UNSUBSCRIBE.name(), 204));

    router
        .get("/api/rtc/ice-servers")
        .handler(bus.to(signaling, SignalingApi.ICE_SERVERS.name(), 200));

    router.post("/api/groups").handler(bus.to(chat, ChatApi.CREATE_GROUP.name(), 201));
    router.get("/api/groups/:id").handler(bus.to(chat, ChatApi.GET_GROUP.name(), 200));
    router.patch("/api/groups/:id").handler(bus.to(chat, ChatApi.UPDATE_GROUP.name(), 200));
    router.post("/api/groups/:id/members").handler(bus.to(chat, ChatApi.ADD_MEMBERS.name(), 200));
    router
        .delete("/api/groups/:id/members/:phone")
        .handler(bus.to(chat, ChatApi.REMOVE_MEMBER.name(), 204));

    router.post("/api/moments").handler(bus.to(moments, MomentsApi.POST.name(), 201));
    router.get("/api/moments").handler(bus.to(moments, MomentsApi.TIMELINE.name(), 200));
    router.get("/api/moments/:id").handler(bus.to(moments, MomentsApi.GET.name(), 200));
    router.delete("/api/moments/:id").handler(bus.to(moments, MomentsApi.DELETE.name(), 204));
    router.put("/api/moments/:id/like").handler(bus.to(moments, MomentsApi.LIKE.name(), 204));
    router.delete("/api/moments/:id/like").handler(bus.to(moments, MomentsApi.UNLIKE.name(), 204));
    router
        .post("/api/moments/:id/comments")
        .handler(bus.to(moments, MomentsApi.COMMENT.name(), 201));
    router
        .delete("/api/moments/:id/comments/:commentId")
        .handler(bus.to(moments, MomentsApi.DELETE_COMMENT.name(), 204));
  }
}
