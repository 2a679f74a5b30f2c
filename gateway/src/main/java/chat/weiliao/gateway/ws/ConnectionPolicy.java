package chat.weiliao.gateway.ws;

import chat.weiliao.common.Config;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may hold a socket on this gateway: browsers only from our own origin (or one configured in
 * WEILIAO_ALLOWED_ORIGINS), at most WEILIAO_MAX_CONNECTIONS_PER_USER sockets per user and
 * WEILIAO_MAX_CONNECTIONS_PER_ADDRESS per client address on this node (both counted from the
 * handshake), no socket whose unread output grows past WEILIAO_WS_MAX_BUFFER bytes (a slow consumer
 * is closed, not buffered), no new socket for a user, nor a connection straight from an address,
 * whose sockets keep being closed for what the client did or whose users keep reconnecting (see
 * {@link #strike}), and no more than WEILIAO_WS_HANDSHAKES_PER_USER_PER_MINUTE handshakes per user
 * (see {@link #takeHandshake}).
 */
final class ConnectionPolicy {
  final int maxPerUser;
  final int maxPerAddress;
  final int maxBufferBytes;
  private final List<String> allowedOrigins;
  private final Map<String, Integer> perAddress = new HashMap<>();
  private final Map<String, Integer> perUser = new HashMap<>();
  private final MinuteAllowance strikes;
  private final MinuteAllowance addressStrikes;
  private final MinuteAllowance handshakes;

  ConnectionPolicy(Config config) {
    this.maxPerUser = config.integer("WEILIAO_MAX_CONNECTIONS_PER_USER", 10);
    this.maxPerAddress = config.integer("WEILIAO_MAX_CONNECTIONS_PER_ADDRESS", 1000);
    this.maxBufferBytes = config.integer("WEILIAO_WS_MAX_BUFFER", 1024 * 1024);
    this.allowedOrigins = config.list("WEILIAO_ALLOWED_ORIGINS");
    this.strikes = new MinuteAllowance(config.integer("WEILIAO_WS_CLOSES_FOR_CAUSE_PER_MINUTE", 5));
    this.addressStrikes =
        new MinuteAllowance(
            config.integer("WEILIAO_WS_CLOSES_FOR_CAUSE_PER_ADDRESS_PER_MINUTE", 20));
    this.handshakes =
        new MinuteAllowance(config.integer("WEILIAO_WS_HANDSHAKES_PER_USER_PER_MINUTE", 30));
  }

  /** No Origin (not a browser), the page's own host, or a configured origin. */
  boolean originAllowed(MultiMap headers) {
    String origin = headers.get("Origin");
    if (origin == null || allowedOrigins.contains(origin)) {
      return true;
    }
    try {
      String host = headers.get("Host");
      URI uri = URI.create(origin);
      String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null
          && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(uri.getHost()));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /**
   * Takes a place for a socket of this user from this address, or returns false when either is
   * full. The place is taken at the handshake, not when the socket joins its user's channel: set-up
   * may wait its turn, and parallel handshakes would otherwise all see room. {@link #release} gives
   * it back.
   */
  boolean reserve(String phone, String address) {
    if (perUser.getOrDefault(phone, 0) >= maxPerUser
        || perAddress.getOrDefault(address, 0) >= maxPerAddress) {
      return false;
    }
    perUser.merge(phone, 1, Integer::sum);
    perAddress.merge(address, 1, Integer::sum);
    return true;
  }

  void release(String phone, String address) {
    perUser.computeIfPresent(phone, ConnectionPolicy::decrement);
    perAddress.computeIfPresent(address, ConnectionPolicy::decrement);
  }

  /**
   * Counts a socket closed for what its client sent (a protocol error, a flood, a frame too big,
   * not reading) against its user and its address. A client that does it again after each reconnect
   * costs a full session set-up each time (the S4 work of a reconnect, hundreds a second from a few
   * hundred sockets), so past the allowance its user's handshakes are refused, and connections
   * straight from its address are closed as they open, until the allowance refills.
   */
  void strike(String phone, String address) {
    long now = System.currentTimeMillis();
    strikes.use(phone, now);
    addressStrikes.use(address, now);
  }

  /**
   * Counts a socket dropped during its set-up against its address only: an honest client rarely
   * does it, a script that reconnects in a loop does it every time, and its user may still have
   * handshakes left (see {@link #takeHandshake}), so without this a few hundred such accounts each
   * cost their whole allowance of set-ups before their address is refused.
   */
  void strikeAddress(String address) {
    addressStrikes.use(address, System.currentTimeMillis());
  }

  /** True while the user has used up its closes for cause: its handshakes are refused. */
  boolean struckOut(String phone) {
    return strikes.usedUp(phone, System.currentTimeMillis());
  }

  /**
   * Takes one of the user's handshakes for the minute, or returns false when they are used up. A
   * client with a valid token that ends each socket as soon as it opens (no close for cause, so no
   * strike against the user) costs a full session set-up per reconnect, milliseconds of CPU;
   * refused, it costs a token lookup, and it is a strike against the address, as a close for cause
   * is. An honest client reconnects with backoff, a few times a minute at most, even with several
   * tabs.
   */
  boolean takeHandshake(String phone, String address) {
    long now = System.currentTimeMillis();
    if (handshakes.tryUse(phone, now)) {
      return true;
    }
    addressStrikes.use(address, now);
    return false;
  }

  /**
   * True while the address has used up its allowance (closes for cause, refused handshakes, sockets
   * dropped during set-up): its connections are held unread and closed (see GatewayVerticle). Each
   * connection it opens meanwhile uses the allowance too, so a client that keeps reconnecting stays
   * refused until it stops, instead of being let in, all its waiting connections at once, each time
   * the bucket refills by one.
   */
  boolean refusesAddress(String address) {
    long now = System.currentTimeMillis();
    if (!addressStrikes.usedUp(address, now)) {
      return false;
    }
    addressStrikes.use(address, now);
    return true;
  }

  private static Integer decrement(String key, Integer count) {
    return count <= 1 ? null : count - 1;
  }
}
