package chat.weiliao.common.auth;

/** The verified claims of an access token that the rest of the system relies on. */
public record AccessToken(String phone, String sessionId, String tokenId, long expiresAtMillis) {}
