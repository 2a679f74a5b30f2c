package chat.weiliao.common.auth;

/**
 * Redis keys of revoked logins. A login (one register or login call and every refresh after it) has
 * a session id carried in each of its access tokens as the {@code sid} claim; revoking it denies
 * every access token of that login until the longest-lived of them has expired.
 */
public final class RevokedSessions {
  private RevokedSessions() {}

  public static String key(String sessionId) {
    return "revoked:" + sessionId;
  }
}
