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
 * Builds this process's Vert.x: with Prometheus metrics always, and joined to the Hazelcast cluster
 * when WEILIAO_CLUSTERED is true. Discovery is TCP-IP with the members listed in
 * WEILIAO_CLUSTER_MEMBERS; multicast stays off unless asked for.
 */
public final class Node {
  /** The Hazelcast member of this process, or null when not clustered. */
  private static volatile HazelcastClusterManager clusterManager;

  private Node() {}

  /**
   * Whether every partition of the cluster's data (Vert.x's subscriptions and node addresses among
   * it) has its backup in place, so that the next member to leave loses nothing. Blocking: call it
   * on a worker. Always true when not clustered.
   */
  public static boolean clusterSafe() {
    HazelcastClusterManager manager = clusterManager;
    return manager == null
        || manager.getHazelcastInstance() == null
        || manager.getHazelcastInstance().getPartitionService().isClusterSafe();
  }

  public static Future<Vertx> start(Config config) {
    VertxOptions options =
        new VertxOptions()
            .setMetricsOptions(
                new MicrometerMetricsOptions()
                    .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                    .setJvmMetricsEnabled(true)
                    .setEnabled(true));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory());
    if (!config.clustered()) {
      return Future.succeededFuture(builder.with(options).build());
    }
    String host = config.string("WEILIAO_CLUSTER_HOST", "127.0.0.1");
    options.setEventBusOptions(
        new EventBusOptions()
            .setHost(host)
            .setPort(config.integer("WEILIAO_EVENTBUS_PORT", 0))
            .setClusterPublicHost(config.string("WEILIAO_CLUSTER_PUBLIC_HOST", host)));
    clusterManager = new HazelcastClusterManager(hazelcast(config, host));
    return builder.with(options).withClusterManager(clusterManager).buildClustered();
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
    // Our SIGTERM hook closes Vert.x, which unregisters this node's consumers and then leaves the
    // cluster. Hazelcast's own hook would terminate the member first, concurrently, so the others
    // would see a crash and keep this node's subscriptions until they clean up after it.
    hazelcast.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Failure detection: a member that stops answering is suspected after a few missed 1 s
    // heartbeats (a refused connection counts faster), not after Hazelcast's default 60 s.
    hazelcast.setProperty(
        "hazelcast.heartbeat.interval.seconds",
        config.string("WEILIAO_CLUSTER_HEARTBEAT_SECONDS", "1"));
    hazelcast.setProperty(
        "hazelcast.max.no.heartbeat.seconds",
        config.string("WEILIAO_CLUSTER_FAILURE_SECONDS", "15"));
    hazelcast.setProperty(
        "hazelcast.wait.seconds.before.join",
        config.string("WEILIAO_CLUSTER_JOIN_WAIT_SECONDS", "0"));
    // Members that start at the same moment without waiting before the join can form two clusters
    // (seen once in a drill: user-service and one gateway alone, each half unable to reach the
    // other's services). Hazelcast merges such halves, but by default only 300 s after the start;
    // look for another half every few seconds instead.
    String mergeSeconds = config.string("WEILIAO_CLUSTER_MERGE_SECONDS", "5");
    hazelcast.setProperty("hazelcast.merge.first.run.delay.seconds", mergeSeconds);
    hazelcast.setProperty("hazelcast.merge.next.run.delay.seconds", mergeSeconds);
    // Two backups of Vert.x's own maps: a rolling restart takes members away one after another,
    // and with one backup a second departure before re-replication could lose a node's
    // subscriptions or address for good (requests then time out until every node restarts).
    hazelcast.getMultiMapConfig("__vertx.subs").setBackupCount(2);
    hazelcast.getMapConfig("__vertx.nodeInfo").setBackupCount(2);
    hazelcast.getMapConfig("__vertx.haInfo").setBackupCount(2);
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.integer("WEILIAO_CLUSTER_PORT", 5701));
    network.setPortAutoIncrement(config.flag("WEILIAO_CLUSTER_PORT_AUTO_INCREMENT", true));
    String publicHost = config.string("WEILIAO_CLUSTER_PUBLIC_HOST", host);
    if ("0.0.0.0".equals(publicHost)) {
      throw new IllegalArgumentException(
          "WEILIAO_CLUSTER_HOST is 0.0.0.0: set WEILIAO_CLUSTER_PUBLIC_HOST to the "
              + "address the other members reach this one at");
    }
    // Hazelcast takes interfaces as IP addresses only; a container passes its service name.
    network.getInterfaces().setEnabled(true).addInterface(ipOf(publicHost));
    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(config.flag("WEILIAO_CLUSTER_MULTICAST", false));
    join.getTcpIpConfig()
        .setEnabled(!join.getMulticastConfig().isEnabled())
        .setMembers(config.list("WEILIAO_CLUSTER_MEMBERS"));
    return hazelcast;
  }
}
