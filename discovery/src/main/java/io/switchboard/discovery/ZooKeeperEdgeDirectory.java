package io.switchboard.discovery;

import java.util.List;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceInstance;

/**
 * The registered edges, from a Curator service cache: ZooKeeper watches keep it current, so a question is
 * answered from memory.
 */
final class ZooKeeperEdgeDirectory implements EdgeDirectory {

  private final ServiceCache<EdgeInstance> cache;

  ZooKeeperEdgeDirectory(ServiceCache<EdgeInstance> cache) {
    this.cache = cache;
  }

  @Override
  public List<EdgeInstance> edges() {
    return cache.getInstances().stream().map(ServiceInstance::getPayload).toList();
  }
}
