package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.async.SerialQueue;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.UserApi.Invite;
import chat.weiliao.common.bus.UserApi.PushKey;
import chat.weiliao.common.bus.UserApi.StoredMessage;
import chat.weiliao.common.bus.UserRequests.PushEndpoint;
import chat.weiliao.common.bus.UserRequests.PushSubscription;
import chat.weiliao.common.contract.ContractJson;
import chat.weiliao.common.contract.ContractObjects.CallMedia;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Web Push (contract 1.1 §5.4): the VAPID key, a login's subscriptions, and who is pushed what.
 * user-service decides, because it holds both halves of the question: subscriptions belong to
 * logins, and presence says who has an open connection on any gateway of the cluster.
 */
final class PushHandlers {
  /** What RFC 8030 allows in a Topic header: at most 32 characters of the base64url alphabet. */
  private static final Pattern SAFE_TOPIC = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

  private static final int BODY_CHARS = 100;

  private final VapidKeys keys;
  private final PushOrigins origins;
  private final PushSubscriptions subscriptions;
  private final PushSender sender;
  private final Presence presence;
  private final UserStore users;

  /** Push decisions per conversation, in the order chat-service told them. */
  private final SerialQueue<String> decisions = new SerialQueue<>();

  PushHandlers(
      VapidKeys keys,
      PushOrigins origins,
      PushSubscriptions subscriptions,
      PushSender sender,
      Presence presence,
      UserStore users) {
    this.keys = keys;
    this.origins = origins;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.presence = presence;
    this.users = users;
  }

  Future<Answer<PushKey>> key(BusCall call, Empty nothing) {
    return Future.succeededFuture(Answer.of(new PushKey(keys.publicKey())));
  }

  /**
   * The browser's PushSubscription, for the caller's login. Its shape was checked by its reader;
   * here what takes this service's settings and crypto: an allowed push service, a P-256 key.
   */
  Future<Answer<Empty>> subscribe(BusCall call, PushSubscription given) {
    String origin = origins.originOf(given.endpoint());
    checkKeys(given.p256dh(), given.auth());
    return subscriptions
        .save(
            new PushSubscriptions.Subscription(
                given.endpoint(), call.caller(), origin, given.p256dh(), given.auth()),
            call.session())
        .map(saved -> Answer.empty());
  }

  Future<Answer<Empty>> unsubscribe(BusCall call, PushEndpoint given) {
    return subscriptions.remove(given.endpoint(), call.caller()).map(removed -> Answer.empty());
  }

  private static void checkKeys(String p256dh, String auth) {
    try {
      PushEncryption.checkPublicKey(Base64.getUrlDecoder().decode(p256dh));
      if (Base64.getUrlDecoder().decode(auth).length != 16) {
        throw ApiException.invalid("keys.auth must be 16 bytes, base64url");
      }
    } catch (IllegalArgumentException | GeneralSecurityException notAKey) {
      throw ApiException.invalid(
          "keys.p256dh must be a P-256 public key and keys.auth 16 bytes, base64url");
    }
  }

  /**
   * From chat-service, told after a message was stored and acked: {@code {conversationId, seq,
   * from, kind, content, groupName?, recipients}}, the recipients being the members other than the
   * sender who have not muted the conversation. Those with no open connection anywhere are pushed.
   */
  Future<Answer<Empty>> message(BusCall call, StoredMessage message) {
    // One conversation's messages are decided one after another, up to their place in the send
    // lanes: a push of an older message must not overtake a newer one of the same Topic, which
    // would make the push service keep the older one.
    return decisions
        .submit(message.conversationId(), () -> decide(message))
        .map(decided -> Answer.empty());
  }

  private Future<Void> decide(StoredMessage message) {
    return presence
        .offlineAmong(message.recipients())
        .compose(subscriptions::of)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture()
                    : titleOf(message)
                        .compose(
                            title ->
                                notifyEach(
                                    found,
                                    messagePayload(message, title),
                                    topicOf(message.conversationId()))));
  }

  private static JsonObject messagePayload(StoredMessage message, String title) {
    return new JsonObject()
        .put("type", ClientEvents.MESSAGE_NEW.type())
        .put("conversationId", message.conversationId())
        .put("seq", message.seq())
        .put("title", title)
        .put("body", bodyOf(message.kind(), message.content()));
  }

  /**
   * From signaling-service: {@code {callId, from, media}} to a callee (the caller) with no open
   * connection.
   */
  Future<Answer<Empty>> invite(BusCall call, Invite invite) {
    String callee = call.caller();
    return subscriptions
        .of(List.of(callee))
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture()
                    : nickname(invite.from())
                        .compose(
                            title ->
                                notifyEach(
                                    found, invitePayload(invite, title), topicOf(invite.callId()))))
        .map(queued -> Answer.empty());
  }

  private static JsonObject invitePayload(Invite invite, String title) {
    boolean video = invite.media() == CallMedia.video;
    return new JsonObject()
        .put("type", ClientEvents.INVITE_OFFER.type())
        .put("callId", invite.callId())
        .put("from", invite.from())
        .put("media", ContractJson.wireName(invite.media()))
        .put("title", title)
        .put("body", video ? "邀请你视频通话" : "邀请你语音通话");
  }

  /** Queues the pushes of each user; completes once all are queued (or capped). */
  private Future<Void> notifyEach(
      List<PushSubscriptions.Subscription> found, JsonObject payload, String topic) {
    Map<String, List<PushSender.Push>> byUser = new LinkedHashMap<>();
    for (PushSubscriptions.Subscription subscription : found) {
      byUser
          .computeIfAbsent(subscription.phone(), phone -> new ArrayList<>())
          .add(new PushSender.Push(subscription, payload, topic));
    }
    List<Future<Void>> queued = new ArrayList<>();
    byUser.forEach((phone, pushes) -> queued.add(sender.notify(phone, pushes)));
    return Future.all(queued).mapEmpty();
  }

  /** A group's name, or the sender's nickname in a direct chat. */
  private Future<String> titleOf(StoredMessage message) {
    return message.groupName() != null
        ? Future.succeededFuture(message.groupName())
        : nickname(message.from());
  }

  private Future<String> nickname(String phone) {
    return users
        .findAccount(phone)
        .map(account -> account == null ? phone : account.getString("nickname", phone));
  }

  /**
   * The text, cut to 100 characters, or a label for other kinds (the web client's own labels, in
   * Chinese).
   */
  static String bodyOf(String kind, JsonObject content) {
    return switch (kind) {
      case "text" -> cut(content.getString("text", ""));
      case "image" -> "[图片]";
      case "voice" -> "[语音]";
      case "file" -> cut("[文件] " + content.getString("name", ""));
      default -> "[消息]";
    };
  }

  private static String cut(String text) {
    return text.codePointCount(0, text.length()) <= BODY_CHARS
        ? text
        : text.substring(0, text.offsetByCodePoints(0, BODY_CHARS));
  }

  /**
   * The Topic header for a conversation (a newer push replaces an unseen older one of the same
   * topic): the id itself when RFC 8030 allows it as is, else the first 32 characters of the
   * base64url SHA-256 of it.
   */
  static String topicOf(String id) {
    if (SAFE_TOPIC.matcher(id).matches()) {
      return id;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
