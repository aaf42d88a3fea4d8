package io.switchboard.discovery;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * ZooKeeper, when {@code switchboard.discovery.zookeeper} names it: the Curator client, the edge registry (used
 * by edges) and the directory of edges (used by the discovery endpoint). Nothing here waits for ZooKeeper at
 * start: a service comes up while ZooKeeper is away and catches up when it returns.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoveryProperties.class)
public class DiscoveryConfiguration {

  /** Threads that may block on ZooKeeper at once, and calls that may wait for one. */
  static final int ZOOKEEPER_THREADS = 4;
  static final int ZOOKEEPER_QUEUED_CALLS = 256;

  /** Curator's retries of one operation: 200 ms doubling to 2 s, five times, so a call fails within ~10 s. */
  private static final int FIRST_RETRY_MILLIS = 200;
  private static final int MAX_RETRIES = 5;
  private static final int MAX_RETRY_MILLIS = 2000;

  private static final Logger log = LoggerFactory.getLogger(DiscoveryConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "switchboard.discovery", name = "zookeeper")
  static class ZooKeeperDiscovery {

    @Bean(destroyMethod = "dispose")
    Scheduler zookeeperScheduler() {
      return Schedulers.newBoundedElastic(ZOOKEEPER_THREADS, ZOOKEEPER_QUEUED_CALLS, "zookeeper");
    }

    @Bean(destroyMethod = "close")
    CuratorFramework curator(DiscoveryProperties properties) {
      log.info("Discovery: ZooKeeper at {} (session timeout {})", properties.zookeeper(), properties.sessionTimeout());
      CuratorFramework curator = CuratorFrameworkFactory.builder()
          .connectString(properties.zookeeper())
          .sessionTimeoutMs((int) properties.sessionTimeout().toMillis())
          .connectionTimeoutMs((int) properties.connectionTimeout().toMillis())
          .retryPolicy(new ExponentialBackoffRetry(FIRST_RETRY_MILLIS, MAX_RETRIES, MAX_RETRY_MILLIS))
          .build();
      curator.start(); // connects in the background
      return curator;
    }

    @Bean(destroyMethod = "close")
    ServiceDiscovery<EdgeInstance> edgeServiceDiscovery(CuratorFramework curator, DiscoveryProperties properties)
        throws Exception {
      ServiceDiscovery<EdgeInstance> discovery = ServiceDiscoveryBuilder.builder(EdgeInstance.class)
          .client(curator)
          .basePath(properties.basePath())
          .serializer(new EdgeInstanceSerializer())
          .build();
      discovery.start(); // with nothing registered yet, this makes no ZooKeeper call
      return discovery;
    }

    @Bean
    EdgeRegistry edgeRegistry(ServiceDiscovery<EdgeInstance> discovery, Scheduler zookeeperScheduler,
        CuratorFramework curator) {
      return new EdgeRegistry(discovery, zookeeperScheduler, () -> curator.getZookeeperClient().isConnected());
    }

    @Bean(destroyMethod = "close")
    ServiceCache<EdgeInstance> edgeCache(ServiceDiscovery<EdgeInstance> discovery) throws Exception {
      ServiceCache<EdgeInstance> cache = discovery.serviceCacheBuilder().name(EdgeRegistry.EDGE_SERVICE).build();
      // fills and follows the edges in the background (ZooKeeper watches); never waits for ZooKeeper here
      cache.startImmediate();
      return cache;
    }

    @Bean
    EdgeDirectory zookeeperEdgeDirectory(ServiceCache<EdgeInstance> cache) {
      return new ZooKeeperEdgeDirectory(cache);
    }
  }
}
