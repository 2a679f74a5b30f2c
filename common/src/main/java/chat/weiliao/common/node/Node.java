package chat.weiliao.common.node;

import chat.weiliao.common.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds this process's Vert.x: with Prometheus metrics always, and joined to the Hazelcast
 * cluster when WEILIAO_CLUSTERED is true. Discovery is TCP-IP with the members listed in
 * WEILIAO_CLUSTER_MEMBERS; multicast stays off unless asked for.
 */
public final class Node {
  private Node() {
  }

  public static Future<Vertx> start(Config config) {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions()
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
            .setJvmMetricsEnabled(true)
            .setEnabled(true));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory());
    if (!config.clustered()) {
      return Future.succeededFuture(builder.with(options).build());
    }
    String host = config.string("WEILIAO_CLUSTER_HOST", "127.0.0.1");
    options.setEventBusOptions(new EventBusOptions()
        .setHost(host)
        .setPort(config.integer("WEILIAO_EVENTBUS_PORT", 0))
        .setClusterPublicHost(config.string("WEILIAO_CLUSTER_PUBLIC_HOST", host)));
    return builder.with(options).withClusterManager(new HazelcastClusterManager(hazelcast(config, host)))
        .buildClustered();
  }

  private static String ipOf(String host) {
    try {
      return java.net.InetAddress.getByName(host).getHostAddress();
    } catch (java.net.UnknownHostException unknown) {
      throw new IllegalArgumentException("cannot resolve cluster host " + host, unknown);
    }
  }

  static com.hazelcast.config.Config hazelcast(Config config, String host) {
    com.hazelcast.config.Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(config.string("WEILIAO_CLUSTER_NAME", "weiliao"));
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join",
        config.string("WEILIAO_CLUSTER_JOIN_WAIT_SECONDS", "0"));
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.integer("WEILIAO_CLUSTER_PORT", 5701));
    network.setPortAutoIncrement(config.flag("WEILIAO_CLUSTER_PORT_AUTO_INCREMENT", true));
    String publicHost = config.string("WEILIAO_CLUSTER_PUBLIC_HOST", host);
    if ("0.0.0.0".equals(publicHost)) {
      throw new IllegalArgumentException("WEILIAO_CLUSTER_HOST is 0.0.0.0: set WEILIAO_CLUSTER_PUBLIC_HOST to the "
          + "address the other members reach this one at");
    }
    // Hazelcast takes interfaces as IP addresses only; a container passes its service name.
    network.getInterfaces().setEnabled(true).addInterface(ipOf(publicHost));
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(config.flag("WEILIAO_CLUSTER_MULTICAST", false));
    join.getTcpIpConfig().setEnabled(!join.getMulticastConfig().isEnabled())
        .setMembers(config.list("WEILIAO_CLUSTER_MEMBERS"));
    return hazelcast;
  }
}
