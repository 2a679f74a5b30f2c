package chat.weiliao.user;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusCall;
import chat.weiliao.common.bus.Events;
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

  Future<?> register(BusCall call) {
    JsonObject body = call.body();
    String phone = Validation.phone(body, "phone");
    String password = password(body);
    String nickname = Validation.line(body, "nickname", 1, 32).strip();
    if (nickname.isEmpty()) {
      throw ApiException.invalid("nickname must not be blank");
    }
    return limits
        .hit(
            "rl:register:ip:" + call.ip(),
            quotas.registrationsPerAddressPerHour(),
            3600,
            "Too many registrations from this address; try again later")
        .compose(ok -> passwords.hash(password))
        .compose(hash -> users.insert(phone, hash, nickname))
        .compose(user -> logins.start(phone).map(tokens -> tokens.put("user", user)));
  }

  /**
   * Every attempt is counted before the password is checked and uncounted if it was right, so a
   * parallel burst cannot slip more guesses past the limit than it allows.
   */
  Future<?> login(BusCall call) {
    JsonObject body = call.body();
    String phone = Validation.phone(body, "phone");
    String password = Validation.string(body, "password", 1, 1024);
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

  private Future<JsonObject> signedIn(JsonObject account) {
    return logins
        .start(account.getString("phone"))
        .map(tokens -> tokens.put("user", UserStore.publicUser(account)));
  }

  Future<?> refresh(BusCall call) {
    String refreshToken = Validation.string(call.body(), "refreshToken", 1, 512);
    return logins
        .refresh(refreshToken)
        .compose(
            tokens -> {
              String phone = (String) tokens.remove("phone");
              return users.find(phone).map(user -> tokens.put("user", user));
            });
  }

  Future<?> logout(BusCall call) {
    String phone = call.caller();
    String sessionId = call.session();
    // The login's push subscriptions go with it: a signed-out browser is not notified.
    return logins
        .revoke(sessionId)
        .onSuccess(done -> Events.revokeSession(vertx, phone, sessionId))
        .compose(done -> pushSubscriptions.removeLogin(sessionId));
  }

  private static String password(JsonObject body) {
    return Validation.string(body, "password", 8, 128);
  }
}
