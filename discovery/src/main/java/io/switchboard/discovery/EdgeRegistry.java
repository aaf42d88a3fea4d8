package io.switchboard.discovery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One edge's registration: an ephemeral znode holding its address, zone and load, written through Curator's
 * service discovery. ZooKeeper deletes it when the edge's session ends, so a dead edge disappears by itself;
 * Curator re-registers it after a lost session that the edge survived. Every ZooKeeper call blocks, so each
 * runs on the bounded {@link DiscoveryConfiguration#ZOOKEEPER_SCHEDULER}, never on an event loop.
 */
public final class EdgeRegistry {

  /** The Curator service name edges register under. */
  public static final String EDGE_SERVICE = "edge";

  /** Longest one ZooKeeper write may take before it counts as failed. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(EdgeRegistry.class);

  private final ServiceDiscovery<EdgeInstance> discovery;
  private final Scheduler scheduler;
  private final BooleanSupplier connected;
  private final AtomicReference<ServiceInstance<EdgeInstance>> registered = new AtomicReference<>();

  EdgeRegistry(ServiceDiscovery<EdgeInstance> discovery, Scheduler scheduler, BooleanSupplier connected) {
    this.discovery = discovery;
    this.scheduler = scheduler;
    this.connected = connected;
  }

  /** Registers the edge; completes once ZooKeeper has the znode. */
  public Mono<Void> register(EdgeInstance edge) {
    return call(() -> {
      ServiceInstance<EdgeInstance> instance = instanceOf(edge);
      discovery.registerService(instance);
      registered.set(instance);
      log.info("registered edge {} at {} (zone {}) in ZooKeeper", edge.edgeId(), edge.url(), edge.zone());
    });
  }

  /** Writes the edge's current number of connections; nothing if it is not registered. */
  public Mono<Void> reportConnections(int connections) {
    return call(() -> {
      ServiceInstance<EdgeInstance> current = registered.get();
      if (current == null) {
        return;
      }
      ServiceInstance<EdgeInstance> updated = instanceOf(current.getPayload().withConnections(connections));
      discovery.updateService(updated);
      registered.set(updated);
    });
  }

  /** Removes the registration; afterwards discovery no longer hands this edge out. */
  public Mono<Void> unregister() {
    return call(() -> {
      ServiceInstance<EdgeInstance> current = registered.getAndSet(null);
      if (current != null) {
        discovery.unregisterService(current);
        log.info("edge {} left discovery", current.getId());
      }
    });
  }

  /**
   * Registered, and connected to ZooKeeper right now (while the connection is lost the registration may be
   * expiring; Curator registers the edge again when it is back).
   */
  public boolean isRegistered() {
    return registered.get() != null && connected.getAsBoolean();
  }

  private Mono<Void> call(ZooKeeperCall call) {
    return Mono.<Void>fromCallable(() -> {
          call.run();
          return null;
        })
        .subscribeOn(scheduler)
        .timeout(CALL_TIMEOUT);
  }

  static ServiceInstance<EdgeInstance> instanceOf(EdgeInstance edge) {
    return new ServiceInstance<>(EDGE_SERVICE, edge.edgeId(), null, null, null, edge,
        System.currentTimeMillis(), ServiceType.DYNAMIC, null, true);
  }

  @FunctionalInterface
  private interface ZooKeeperCall {
    void run() throws Exception;
  }
}
