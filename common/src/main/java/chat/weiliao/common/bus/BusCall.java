package chat.weiliao.common.bus;

import chat.weiliao.common.ApiException;
import io.vertx.core.json.JsonObject;

/**
 * What a service receives for one request: who asks (the phone the gateway authenticated, never a
 * client-supplied one), from which login, address and connection, the path and query parameters,
 * and the body or frame payload.
 */
public final class BusCall {
  private final JsonObject json;

  public BusCall(JsonObject json) {
    this.json = json;
  }

  public static BusCall of(JsonObject body) {
    return new BusCall(new JsonObject().put("body", body == null ? new JsonObject() : body));
  }

  public static BusCall by(String caller, JsonObject body) {
    return of(body).caller(caller);
  }

  /** A call by {@code caller}, who the request is about (the body says the rest). */
  public static BusCall by(String caller) {
    return of(null).caller(caller);
  }

  /** A call by no one in particular (service to service). */
  public static BusCall anonymous() {
    return of(null);
  }

  public BusCall body(JsonObject body) {
    json.put("body", body);
    return this;
  }

  public BusCall caller(String phone) {
    json.put("caller", phone);
    return this;
  }

  public BusCall session(String sessionId) {
    json.put("session", sessionId);
    return this;
  }

  public BusCall ip(String address) {
    json.put("ip", address);
    return this;
  }

  public BusCall connection(String connectionId) {
    json.put("connection", connectionId);
    return this;
  }

  public BusCall param(String name, String value) {
    if (value != null) {
      json.put("params", params().put(name, value));
    }
    return this;
  }

  /** The authenticated caller; the gateway always sets it on authenticated routes. */
  public String caller() {
    String caller = json.getString("caller");
    if (caller == null) {
      throw ApiException.unauthenticated("Sign in first");
    }
    return caller;
  }

  public String session() {
    return json.getString("session");
  }

  public String ip() {
    return json.getString("ip", "");
  }

  public String connection() {
    return json.getString("connection");
  }

  public JsonObject body() {
    return json.getJsonObject("body", new JsonObject());
  }

  public JsonObject params() {
    return json.getJsonObject("params", new JsonObject());
  }

  public String param(String name) {
    return params().getString(name);
  }

  public JsonObject toJson() {
    return json;
  }
}
