package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.bus.Answer;
import chat.weiliao.common.bus.BusAction.Empty;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.bus.UserApi.SignedIn;
import chat.weiliao.common.bus.UserRequests.Credentials;
import chat.weiliao.common.bus.UserRequests.RefreshRequest;
import chat.weiliao.common.bus.UserRequests.Registration;
import chat.weiliao.common.contract.Wire;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Register, login, refresh and logout. */
final class AccountHandlers {
  static final int LOGIN_WINDOW_SECONDS = 15 * 60;
  static final int MAX_FAILURES_PER_PHONE = 10;
  static final int MAX_FAILURES_PER_ADDRESS = 50;
  private static final String TOO_MANY = "Too many failed sign-ins; try again later";

  private final Vertx vertx;
  private final UserStore users;
  private final PasswordHasher passwords;
  private final Logins logins;
  private final RateLimiter limits;
  private final Quotas quotas;
  private final PushSubscriptions pushSubscriptions;

  AccountHandlers(
      Vertx vertx,
      UserStore users,
      PasswordHasher passwords,
      Logins logins,
      RateLimiter limits,
      Quotas quotas,
      PushSubscriptions pushSubscriptions) {
    this.pushSubscriptions = pushSubscriptions;
    this.vertx = vertx;
    this.users = users;
    this.passwords = passwords;
    this.logins = logins;
    this.limits = limits;
    this.quotas = quotas;
  }

  Future<Answer<SignedIn>> register(BusCall call, Registration registration) {
    String phone = registration.phone();
    return limits
        .hit(
            "rl:register:ip:" + call.ip(),
            quotas.registrationsPerAddressPerHour(),
            3600,
            "Too many registrations from this address; try again later")
        .compose(ok -> passwords.hash(registration.password()))
        .compose(hash -> users.insert(phone, hash, registration.nickname()))
        .compose(user -> logins.start(phone).map(tokens -> signedIn(tokens, user)));
  }

  /**
   * Every attempt is counted before the password is checked and uncounted if it was right, so a
   * parallel burst cannot slip more guesses past the limit than it allows.
   */
  Future<Answer<SignedIn>> login(BusCall call, Credentials credentials) {
    String phone = credentials.phone();
    String password = credentials.password();
    String phoneKey = "rl:login:phone:" + phone;
    String addressKey = "rl:login:ip:" + call.ip();
    return limits
        .hit(phoneKey, MAX_FAILURES_PER_PHONE, LOGIN_WINDOW_SECONDS, TOO_MANY)
        .compose(
            ok -> limits.hit(addressKey, MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_SECONDS, TOO_MANY))
        .compose(ok -> users.findAccount(phone))
        .compose(
            account ->
                passwords
                    .verify(password, account == null ? null : account.getString("passwordHash"))
                    // a check that never ran (the hasher was full) is not a guess: uncount it
                    .recover(
                        busy ->
                            Future.all(limits.undo(phoneKey), limits.undo(addressKey))
                                .compose(undone -> Future.failedFuture(busy)))
                    .compose(
                        matches ->
                            matches
                                ? Future.all(limits.undo(phoneKey), limits.undo(addressKey))
                                    .compose(undone -> signedIn(account))
                                : Future.failedFuture(
                                    ApiException.unauthenticated("Wrong phone or password"))));
  }

  private Future<Answer<SignedIn>> signedIn(JsonObject account) {
    return logins
        .start(account.getString("phone"))
        .map(tokens -> signedIn(tokens, UserStore.publicUser(account)));
  }

  /** The reply to a sign-in: the login's tokens as {@link Logins} wrote them, and the user. */
  private static Answer<SignedIn> signedIn(JsonObject tokens, JsonObject user) {
    return Answer.of(
        new SignedIn(
            tokens.getString("accessToken"),
            tokens.getString("refreshToken"),
            tokens.getLong("expiresIn"),
            Wire.of(user)));
  }

  Future<Answer<SignedIn>> refresh(BusCall call, RefreshRequest request) {
    return logins
        .refresh(request.refreshToken())
        .compose(
            tokens -> users.find(tokens.getString("phone")).map(user -> signedIn(tokens, user)));
  }

  Future<Answer<Empty>> logout(BusCall call, Empty nothing) {
    String phone = call.caller();
    String sessionId = call.session();
    // The login's push subscriptions go with it: a signed-out browser is not notified.
    return logins
        .revoke(sessionId)
        .onSuccess(done -> Events.revokeSession(vertx, phone, sessionId))
        .compose(done -> pushSubscriptions.removeLogin(sessionId))
        .map(removed -> Answer.empty());
  }
}
