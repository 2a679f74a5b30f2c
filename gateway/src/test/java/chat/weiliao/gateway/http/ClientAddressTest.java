package chat.weiliao.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress direct = new ClientAddress(List.of());

  @Test
  void anIpv6ClientCountsAsItsSlash64() {
    assertEquals(
        of("2001:db8:1:2::1"), of("2001:db8:1:2:ffff:ffff:ffff:ffff"), "one /64, one budget");
    assertEquals("2001:db8:1:2::/64", of("2001:0db8:0001:0002:0000:0000:0000:0007"));
  }

  @Test
  void otherSlash64sAndIpv4AddressesStayApart() {
    assertEquals("2001:db8:1:3::/64", of("2001:db8:1:3::1"));
    assertEquals("203.0.113.9", of("203.0.113.9"));
    assertNotEquals(
        of("::ffff:203.0.113.9"), of("::ffff:203.0.113.10"), "IPv4 clients behind an IPv6 socket");
  }

  @Test
  void connectionsAreRefusedPerPeerButNeverFromThisHostOrATrustedProxy() {
    ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5"));
    assertEquals(
        "203.0.113.9", direct.directPeer(SocketAddress.inetSocketAddress(1, "203.0.113.9")));
    assertEquals("127.0.0.3", direct.directPeer(SocketAddress.inetSocketAddress(1, "127.0.0.3")));
    assertNull(direct.directPeer(SocketAddress.inetSocketAddress(1, "127.0.0.1")), "local tools");
    assertNull(direct.directPeer(SocketAddress.inetSocketAddress(1, "::1")), "local tools");
    assertNull(behindProxy.directPeer(SocketAddress.inetSocketAddress(1, "10.0.0.5")), "a proxy");
  }

  @Test
  void aForwardedIpv6HopIsGroupedToo() {
    ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5"));
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "2001:db8:aa:bb::42");
    assertEquals(
        "2001:db8:aa:bb::/64",
        behindProxy.of(SocketAddress.inetSocketAddress(443, "10.0.0.5"), headers));
  }

  private String of(String address) {
    return direct.of(
        SocketAddress.inetSocketAddress(1234, address), MultiMap.caseInsensitiveMultiMap());
  }
}
