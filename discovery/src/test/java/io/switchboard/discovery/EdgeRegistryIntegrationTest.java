package io.switchboard.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Registration, load reports, leaving, and a dead edge's session, against a real ZooKeeper server in the JVM
 * (Curator's TestingServer). Two Curator clients: one is the edge, one is the discovery endpoint's directory.
 */
class EdgeRegistryIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestingServer zookeeper;
  private CuratorFramework edgeClient;
  private CuratorFramework directoryClient;
  private ServiceDiscovery<EdgeInstance> edgeSide;
  private ServiceDiscovery<EdgeInstance> directorySide;
  private ServiceCache<EdgeInstance> cache;
  private final Scheduler scheduler = Schedulers.newBoundedElastic(2, 16, "zookeeper-test");

  @BeforeEach
  void start() throws Exception {
    zookeeper = new TestingServer(true);
    edgeClient = client(2000);
    directoryClient = client(10_000);
    edgeSide = discovery(edgeClient);
    directorySide = discovery(directoryClient);
    cache = directorySide.serviceCacheBuilder().name(EdgeRegistry.EDGE_SERVICE).build();
    cache.start();
  }

  @AfterEach
  void stop() throws Exception {
    cache.close();
    directorySide.close();
    try {
      edgeSide.close();
    } catch (RuntimeException alreadyClosed) {
      // one test closes the edge's client itself
    }
    directoryClient.close();
    edgeClient.close();
    zookeeper.close();
    scheduler.dispose();
  }

  @Test
  void anEdgeIsSeenWithItsLoadUntilItLeaves() {
    EdgeDirectory directory = new ZooKeeperEdgeDirectory(cache);
    EdgeRegistry registry = new EdgeRegistry(edgeSide, scheduler, () -> edgeClient.getZookeeperClient().isConnected());
    registry.register(new EdgeInstance("e1", "ws://127.0.0.1:9001/ws", "z1", 0)).block(WAIT);
    assertThat(registry.isRegistered()).isTrue();
    awaitEdges(directory, edges -> edges.equals(List.of(new EdgeInstance("e1", "ws://127.0.0.1:9001/ws", "z1", 0))));

    registry.reportConnections(42).block(WAIT);
    awaitEdges(directory, edges -> edges.size() == 1 && edges.get(0).connections() == 42);

    registry.unregister().block(WAIT);
    assertThat(registry.isRegistered()).isFalse();
    awaitEdges(directory, List::isEmpty);
  }

  @Test
  void anEdgeWhoseSessionEndsWithoutLeavingDisappears() throws Exception {
    EdgeDirectory directory = new ZooKeeperEdgeDirectory(cache);
    new EdgeRegistry(edgeSide, scheduler, () -> true).register(new EdgeInstance("e2", "ws://h/ws", "z", 3)).block(WAIT);
    awaitEdges(directory, edges -> edges.size() == 1);
    // the edge's session ends without it unregistering: ZooKeeper drops its ephemeral znode by itself
    // (a killed process's session ends the same way, after the session timeout: MultiProcessClusterIT)
    edgeClient.close();
    awaitEdges(directory, List::isEmpty);
  }

  private static void awaitEdges(EdgeDirectory directory, Predicate<List<EdgeInstance>> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.test(directory.edges())) {
      assertThat(System.nanoTime()).as("edges now: %s", directory.edges()).isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private CuratorFramework client(int sessionTimeoutMillis) {
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(zookeeper.getConnectString())
        .sessionTimeoutMs(sessionTimeoutMillis)
        .retryPolicy(new RetryOneTime(100))
        .build();
    client.start();
    return client;
  }

  private static ServiceDiscovery<EdgeInstance> discovery(CuratorFramework client) throws Exception {
    ServiceDiscovery<EdgeInstance> discovery = ServiceDiscoveryBuilder.builder(EdgeInstance.class)
        .client(client)
        .basePath("/switchboard-test")
        .serializer(new EdgeInstanceSerializer())
        .build();
    discovery.start();
    return discovery;
  }
}
