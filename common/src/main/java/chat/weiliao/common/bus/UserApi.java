package chat.weiliao.common.bus;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** user-service's bus API: its actions, and typed calls for the other services. */
public final class UserApi extends ServiceClient {
  public static final String REGISTER = "auth.register";
  public static final String LOGIN = "auth.login";
  public static final String REFRESH = "auth.refresh";
  public static final String LOGOUT = "auth.logout";
  public static final String PUBLIC_KEY = "auth.public-key";
  public static final String ME = "users.me";
  public static final String UPDATE_ME = "users.update-me";
  public static final String SEARCH = "users.search";
  public static final String GET = "users.get";

  public UserApi(Vertx vertx, Config config) {
    super(vertx, Addresses.USER_SERVICE, config.busTimeoutMillis());
  }

  /** The PEM of the public key that verifies access tokens. */
  public Future<String> publicKey() {
    return ask(PUBLIC_KEY, BusCall.of(null)).map(body -> body.getString("pem"));
  }

  /** The public profile of a user; NOT_FOUND if there is none. */
  public Future<JsonObject> user(String phone) {
    return ask(GET, BusCall.of(null).param("phone", phone));
  }
}
