package chat.weiliao.common;

/** Event-bus addresses. Services listen on one address each and dispatch on the action header. */
public final class Addresses {
  public static final String USER_SERVICE = "weiliao.user-service";
  public static final String CHAT_SERVICE = "weiliao.chat-service";
  public static final String SIGNALING_SERVICE = "weiliao.signaling-service";
  public static final String MOMENTS_SERVICE = "weiliao.moments-service";

  /** Header naming the operation a service request asks for. */
  public static final String ACTION_HEADER = "action";

  /** Reply header overriding a route's default HTTP status (e.g. 200 instead of 201). */
  public static final String STATUS_HEADER = "status";

  /** Event header: deliver only to this connection of the user. */
  public static final String ONLY_CONNECTION_HEADER = "only-connection";

  /** Event header: deliver to every connection of the user except this one. */
  public static final String EXCEPT_CONNECTION_HEADER = "except-connection";

  private Addresses() {}

  /**
   * Where every event for one user is published; each gateway holding a socket of theirs listens.
   */
  public static String user(String phone) {
    return "user." + phone;
  }

  /**
   * The Redis key a live gateway node refreshes (its heartbeat): presence and the call sweep treat
   * a node whose key has expired as dead. user-service's presence scripts spell the same prefix.
   */
  public static String nodeHeartbeat(String node) {
    return "node:" + node;
  }
}
