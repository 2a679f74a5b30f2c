package chat.weiliao.gateway.http;

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
  private final Set<String> trustedProxies;

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  public String of(SocketAddress remote, MultiMap headers) {
    String address = remote == null ? "unknown" : remote.hostAddress();
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
}
