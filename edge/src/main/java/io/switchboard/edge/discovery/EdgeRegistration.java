package io.switchboard.edge.discovery;

import io.switchboard.discovery.EdgeInstance;
import io.switchboard.discovery.EdgeRegistry;
import io.switchboard.edge.EdgeDiscoveryProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * This edge in ZooKeeper: registered once its web server accepts sockets, with its address and zone; its
 * number of open sockets written again whenever it changed (checked every {@code load-report-interval}); and
 * removed first thing when it drains. Without ZooKeeper configured it does nothing and says so.
 */
@Component
public class EdgeRegistration implements ApplicationListener<WebServerInitializedEvent> {

  /** Waits between attempts to register while ZooKeeper cannot be reached: doubling up to the maximum. */
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(500);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(EdgeRegistration.class);

  private final EdgeRegistry registry;
  private final ThisEdge thisEdge;
  private final EdgeDiscoveryProperties properties;
  private final Scheduler ticks;
  private final AtomicInteger reported = new AtomicInteger(-1);
  private volatile Disposable running;
  private volatile boolean leaving;

  EdgeRegistration(ObjectProvider<EdgeRegistry> registry, ThisEdge thisEdge, EdgeDiscoveryProperties properties) {
    this.registry = registry.getIfAvailable();
    this.thisEdge = thisEdge;
    this.properties = properties;
    this.ticks = Schedulers.parallel();
  }

  /** Whether discovery is configured at all. */
  public boolean enabled() {
    return registry != null;
  }

  /** Registered in ZooKeeper now (false while starting, after leaving, and without ZooKeeper). */
  public boolean isRegistered() {
    return registry != null && registry.isRegistered();
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() != null) {
      return; // a separate management server, not the sockets' one
    }
    String url = properties.socketUrl(event.getWebServer().getPort());
    if (registry == null) {
      log.info("Discovery: no ZooKeeper configured (switchboard.discovery.zookeeper); edge {} at {} is not "
          + "registered, and /api/discovery/edge (all-in-one) answers with this process's own edge",
          thisEdge.edgeId(), url);
      return;
    }
    EdgeInstance edge = new EdgeInstance(thisEdge.edgeId(), url, thisEdge.zone(), thisEdge.connections());
    reported.set(edge.connections());
    Mono<Void> register = registry.register(edge)
        .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY_DELAY).maxBackoff(MAX_RETRY_DELAY)
            .filter(failed -> !leaving)
            .doBeforeRetry(failed -> log.warn("could not register edge {} in ZooKeeper yet: {}",
                edge.edgeId(), failed.failure().toString())));
    Flux<Void> loadReports = Flux.interval(properties.loadReportInterval(), ticks)
        .onBackpressureDrop()
        .concatMap(tick -> reportIfChanged(), 1);
    running = register.thenMany(loadReports).subscribe(
        ignored -> {},
        error -> log.error("edge {} stopped reporting to ZooKeeper", edge.edgeId(), error));
  }

  /** Leaves discovery: no client is sent here afterwards. Completes when ZooKeeper no longer lists this edge. */
  public Mono<Void> leave() {
    leaving = true;
    Disposable current = running;
    if (current != null) {
      current.dispose();
    }
    if (registry == null) {
      return Mono.empty();
    }
    return registry.unregister();
  }

  private Mono<Void> reportIfChanged() {
    int now = thisEdge.connections();
    if (now == reported.get() || leaving) {
      return Mono.empty();
    }
    return registry.reportConnections(now)
        .doOnSuccess(done -> reported.set(now))
        .onErrorResume(error -> {
          log.warn("could not report the load of edge {}: {}", thisEdge.edgeId(), error.toString());
          return Mono.empty();
        });
  }
}
