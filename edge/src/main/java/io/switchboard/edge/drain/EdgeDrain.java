package io.switchboard.edge.drain;

import io.switchboard.edge.EdgeDiscoveryProperties;
import io.switchboard.edge.discovery.EdgeRegistration;
import io.switchboard.edge.session.DeviceSessions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stopping an edge without losing anything: leave discovery first (no new client is sent here), refuse
 * traffic (readiness goes down), tell every open socket to reconnect elsewhere (close code 4002), wait until
 * they have gone or {@code drain-timeout} has passed, and only then let the web server and the queue consumer
 * stop. Runs on SIGTERM (as the first step of the application's shutdown) or when asked at
 * {@code POST /admin/drain}; the second request joins the first.
 */
@Component
public class EdgeDrain implements SmartLifecycle {

  /** How often the drain looks whether every socket has gone. */
  private static final Duration POLL = Duration.ofMillis(50);

  /** Stopped before the web server's graceful shutdown, which would otherwise just wait for the sockets. */
  static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;

  private static final Logger log = LoggerFactory.getLogger(EdgeDrain.class);

  private final EdgeRegistration registration;
  private final DeviceSessions sessions;
  private final ApplicationEventPublisher events;
  private final Duration timeout;
  private final boolean drainOnStop;
  private final AtomicReference<Mono<DrainReport>> drain = new AtomicReference<>();
  private volatile boolean running;

  EdgeDrain(EdgeRegistration registration, DeviceSessions sessions, ApplicationEventPublisher events,
      EdgeDiscoveryProperties properties) {
    this.registration = registration;
    this.sessions = sessions;
    this.events = events;
    this.timeout = properties.drainTimeout();
    this.drainOnStop = properties.drainOnStop();
  }

  /** What a drain did: sockets told to go, sockets still open when it ended, and how long it took. */
  public record DrainReport(int socketsAtStart, int socketsLeft, long tookMillis) {}

  /** Starts the drain (once) and completes when it is over. */
  public Mono<DrainReport> drain() {
    Mono<DrainReport> started = Mono.defer(this::run).cache();
    if (drain.compareAndSet(null, started)) {
      started.subscribe(report -> {}, error -> log.error("draining failed", error));
    }
    return drain.get();
  }

  private Mono<DrainReport> run() {
    long startedAt = System.nanoTime();
    log.info("draining: leaving discovery, then asking {} sockets to reconnect elsewhere",
        sessions.connectedDevices());
    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    return registration.leave()
        .onErrorResume(error -> {
          // ZooKeeper drops the registration anyway when this process's session ends
          log.warn("could not leave discovery: {}", error.toString());
          return Mono.empty();
        })
        .then(Mono.fromCallable(sessions::drainAll))
        .flatMap(atStart -> Flux.interval(POLL)
            .filter(tick -> sessions.connectedDevices() == 0)
            .next()
            .timeout(timeout, Mono.empty())
            .then(Mono.fromCallable(() -> new DrainReport(atStart, sessions.connectedDevices(),
                Duration.ofNanos(System.nanoTime() - startedAt).toMillis()))))
        .doOnNext(report -> log.info("drained: {} sockets asked to go, {} left after {} ms",
            report.socketsAtStart(), report.socketsLeft(), report.tookMillis()));
  }

  @Override
  public void start() {
    running = true;
  }

  /** On the shutdown thread, never an event loop: it may wait for the drain. */
  @Override
  public void stop() {
    if (drainOnStop) {
      drain().block(timeout.plusSeconds(15));
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
