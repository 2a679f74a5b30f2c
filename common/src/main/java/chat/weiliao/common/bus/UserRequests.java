package chat.weiliao.common.bus;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Validation;
import chat.weiliao.common.bus.BusAction.Phone;
import io.vertx.core.json.JsonObject;

/**
 * The requests of user-service's client-facing actions ({@link UserApi}), each read from the
 * route's body and parameters by its {@code read}, which refuses a bad field with the contract's
 * INVALID_ARGUMENT (and the message the clients know) before any handler runs. What needs the
 * service's own state or settings is checked by the handler: a taken phone, an unknown request, a
 * push endpoint outside WEILIAO_PUSH_ORIGINS, push keys that are not a P-256 key.
 */
public final class UserRequests {
  private UserRequests() {}

  /** A new account: phone, password (8–128 characters) and nickname (stripped, not blank). */
  public record Registration(String phone, String password, String nickname) {
    static Registration read(BusCall call) {
      JsonObject body = call.body();
      String phone = Validation.phone(body, "phone");
      String password = Validation.string(body, "password", 8, 128);
      String nickname = Validation.line(body, "nickname", 1, 32).strip();
      if (nickname.isEmpty()) {
        throw ApiException.invalid("nickname must not be blank");
      }
      return new Registration(phone, password, nickname);
    }
  }

  /** A sign-in: any password up to 1,024 characters is checked (a wrong one is UNAUTHENTICATED). */
  public record Credentials(String phone, String password) {
    static Credentials read(BusCall call) {
      JsonObject body = call.body();
      return new Credentials(
          Validation.phone(body, "phone"), Validation.string(body, "password", 1, 1024));
    }
  }

  public record RefreshRequest(String refreshToken) {
    static RefreshRequest read(BusCall call) {
      return new RefreshRequest(Validation.string(call.body(), "refreshToken", 1, 512));
    }
  }

  /**
   * {@code PATCH /api/users/me}: each field null when not given. The avatar has three states: not
   * given (unchanged), null (removed) or a media url, so {@code changesAvatar} says which.
   */
  public record ProfileChange(
      String nickname, boolean changesAvatar, String avatar, String signature) {
    static ProfileChange read(BusCall call) {
      JsonObject body = call.body();
      String nickname = Validation.optionalLine(body, "nickname", 1, 32);
      if (nickname != null && nickname.isBlank()) {
        throw ApiException.invalid("nickname must not be blank");
      }
      boolean changesAvatar = body.containsKey("avatar");
      String avatar = body.getValue("avatar") == null ? null : Validation.mediaUrl(body, "avatar");
      String signature = Validation.optionalLine(body, "signature", 0, 64);
      return new ProfileChange(
          nickname == null ? null : nickname.strip(), changesAvatar, avatar, signature);
    }

    public boolean isEmpty() {
      return nickname == null && !changesAvatar && signature == null;
    }
  }

  /** The phone a route names ({@code /api/users/search?phone=}, {@code /api/contacts/{phone}}). */
  static Phone phoneOf(BusCall call) {
    return new Phone(Validation.phoneParam(call.param("phone"), "phone"));
  }

  /** A friend request: to whom (not the caller), with an optional greeting of one line. */
  public record NewContactRequest(String to, String greeting) {
    static NewContactRequest read(BusCall call) {
      String caller = call.caller();
      String to = Validation.phone(call.body(), "to");
      String greeting = Validation.optionalLine(call.body(), "greeting", 0, 64);
      if (to.equals(caller)) {
        throw ApiException.invalid("You cannot add yourself");
      }
      return new NewContactRequest(to, greeting == null ? "" : greeting);
    }
  }

  /** Which friend request ({@code /api/contacts/requests/{id}}), its id as given. */
  public record RequestRef(String id) {
    static RequestRef read(BusCall call) {
      String id = call.param("id");
      if (id == null || id.length() > 64) {
        throw ApiException.invalid("id must be a request id");
      }
      return new RequestRef(id);
    }
  }

  /** A contact's new remark (one line, may be empty to clear it). */
  public record RemarkChange(String phone, String remark) {
    static RemarkChange read(BusCall call) {
      String phone = phoneOf(call).phone();
      return new RemarkChange(phone, Validation.line(call.body(), "remark", 0, 64));
    }
  }

  /** The browser's PushSubscription JSON: {@code {endpoint, keys: {p256dh, auth}}}. */
  public record PushSubscription(String endpoint, String p256dh, String auth) {
    static PushSubscription read(BusCall call) {
      JsonObject body = call.body();
      String endpoint = PushEndpoint.read(call).endpoint();
      JsonObject keys = Validation.object(body, "keys");
      return new PushSubscription(
          endpoint,
          Validation.string(keys, "p256dh", 1, 128),
          Validation.string(keys, "auth", 1, 64));
    }
  }

  public record PushEndpoint(String endpoint) {
    static PushEndpoint read(BusCall call) {
      return new PushEndpoint(Validation.string(call.body(), "endpoint", 1, 2048));
    }
  }
}
