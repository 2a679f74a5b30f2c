package chat.weiliao.allinone.topology;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TOPOLOGY_PORT_SHIFT under which every port of some components is free (tests, parallel runs).
 */
final class PortShift {
  private PortShift() {}

  /**
   * A random multiple of 100 from 1,000 on under which every port the components (planned with
   * shift 0) listen on is free and below {@code limit}.
   */
  static int choose(List<Component> components, int limit) {
    Set<Integer> unshifted = LocalPlan.listeningPorts(components);
    int highest = unshifted.stream().mapToInt(Integer::intValue).max().orElse(0);
    int lowest = unshifted.stream().mapToInt(Integer::intValue).min().orElse(0);
    int steps = (limit - 1 - highest) / 100;
    for (int attempt = 0; steps > 10 && attempt < 200; attempt++) {
      int shift = ThreadLocalRandom.current().nextInt(10, steps) * 100;
      if (lowest + shift > 1024 && unshifted.stream().allMatch(port -> free(port + shift))) {
        return shift;
      }
    }
    throw new IllegalStateException(
        "found no port shift under which every port is free and below " + limit);
  }

  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException busy) {
      return false;
    }
  }
}
