package chat.weiliao.gateway.http;

import io.netty.util.NetUtil;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Set;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * connection comes from a proxy listed in WEILIAO_TRUSTED_PROXIES, and then only up to the first
 * hop that is not itself trusted: a client cannot choose its own address by sending the header.
 */
public final class ClientAddress {
  /** This host's own addresses, as a connection's peer reports them. */
  private static final Set<String> OWN_HOST = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

  private final Set<String> trustedProxies;

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  /** The client's address as every per-address limit counts it: see {@link #limitKey}. */
  public String of(SocketAddress remote, MultiMap headers) {
    return limitKey(sender(remote, headers));
  }

  /**
   * The limit key of the peer of a TCP connection, or null when that peer is a trusted proxy (the
   * client behind it is known only from each request's headers) or this host's own address
   * (127.0.0.1, ::1: every local tool and proxy shares it, so it names no one client).
   */
  public String directPeer(SocketAddress remote) {
    String address = host(remote);
    return trustedProxies.contains(address) || OWN_HOST.contains(address)
        ? null
        : limitKey(address);
  }

  private static String host(SocketAddress remote) {
    return remote == null ? "unknown" : remote.hostAddress();
  }

  private String sender(SocketAddress remote, MultiMap headers) {
    String address = host(remote);
    if (!trustedProxies.contains(address)) {
      return address;
    }
    String forwarded = headers.get("X-Forwarded-For");
    if (forwarded == null) {
      return address;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return address;
  }

  /**
   * An IPv6 address stands for its /64: one subscriber is usually given a whole /64, so counting
   * each address apart would give one client 2^64 budgets. IPv4 addresses (and anything that is not
   * an IP literal) stay as they are. Parsed without any name lookup.
   */
  static String limitKey(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null || bytes.length != 16 || isIPv4Mapped(bytes)) {
      return address;
    }
    StringBuilder prefix = new StringBuilder();
    for (int group = 0; group < 4; group++) {
      prefix
          .append(
              Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)))
          .append(':');
    }
    return prefix.append(":/64").toString();
  }

  /** {@code ::ffff:a.b.c.d}: an IPv4 client seen through an IPv6 socket, one address of its own. */
  private static boolean isIPv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }
}
