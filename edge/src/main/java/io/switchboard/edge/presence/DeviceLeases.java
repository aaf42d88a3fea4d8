package io.switchboard.edge.presence;

import io.switchboard.edge.session.DeviceSession;
import io.switchboard.presence.PresenceProperties;
import io.switchboard.presence.PresenceState;
import io.switchboard.presence.PresenceStore;
import io.switchboard.presence.WentOffline;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The presence side of this edge: a lease in Redis for every socket it holds, renewed on a timer and whenever
 * the device sends something, released when the socket closes; and a sweep for leases that lapsed anywhere
 * (their edge died). Whoever makes a user's transition announces it to the user's contacts.
 *
 * <p>Stopping this edge does not release its leases: its devices reconnect to another edge within seconds and
 * take new ones, so their contacts see no offline-online flicker; a device that does not come back lapses.
 */
@Component
public class DeviceLeases implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeviceLeases.class);

  /** Lease writes in flight at once during a renewal round; the round is small work per socket. */
  static final int RENEWAL_CONCURRENCY = 64;

  private final PresenceStore store;
  private final PresenceAnnouncer announcer;
  private final Duration renewInterval;
  private final Duration sweepInterval;
  private final Map<DeviceSession, Lease> leases = new ConcurrentHashMap<>();
  private final AtomicBoolean renewalsFailing = new AtomicBoolean();
  private volatile boolean running;
  private volatile Disposable timers = Disposables.disposed();

  DeviceLeases(PresenceStore store, PresenceAnnouncer announcer, PresenceProperties properties) {
    this.store = store;
    this.announcer = announcer;
    this.renewInterval = properties.renewInterval();
    this.sweepInterval = properties.sweepInterval();
  }

  /** The socket is open: take its lease; completes when taken (and announced, if the user came online). */
  public Mono<Void> connected(DeviceSession session) {
    Lease lease = new Lease(session.deviceId() + "." + UUID.randomUUID().toString().substring(0, 8));
    Mono<Void> taken = renew(session, lease).cache();
    lease.taken = taken;
    leases.put(session, lease);
    return taken;
  }

  /** The device sent something: it is alive. Renews only if the last renewal is a while ago. */
  public Mono<Void> heard(DeviceSession session) {
    Lease lease = leases.get(session);
    if (lease == null || System.nanoTime() - lease.renewedAt.get() < renewInterval.toNanos()) {
      return Mono.empty();
    }
    return renew(session, lease);
  }

  /** The socket closed: release its lease; the user goes offline if it was their last. */
  public Mono<Void> disconnected(DeviceSession session) {
    Lease lease = leases.remove(session);
    if (lease == null || !running) {
      return Mono.empty();
    }
    // after the lease is taken: a release that overtook it would leave the socket's lease behind, online
    return lease.taken
        .then(Mono.defer(() -> store.release(session.userId(), lease.connectionId)))
        .flatMap(this::announceOffline)
        .onErrorResume(error -> {
          log.warn("lease of device {} not released (it will lapse): {}", session.deviceId(), error.toString());
          return Mono.empty();
        });
  }

  @Override
  public void start() {
    running = true;
    Disposable renewal = Flux.interval(renewInterval)
        .onBackpressureDrop()
        .concatMap(tick -> Flux.fromIterable(leases.entrySet())
            .flatMap(entry -> renew(entry.getKey(), entry.getValue()), RENEWAL_CONCURRENCY)
            .then())
        .subscribe();
    Disposable sweep = Flux.interval(sweepInterval)
        .onBackpressureDrop()
        .concatMap(tick -> store.sweepLapsed()
            .concatMap(this::announceOffline)
            .onErrorResume(error -> {
              log.warn("presence sweep failed: {}", error.toString());
              return Mono.empty();
            }))
        .subscribe();
    timers = Disposables.composite(renewal, sweep);
  }

  @Override
  public void stop() {
    running = false;
    timers.dispose();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private Mono<Void> renew(DeviceSession session, Lease lease) {
    lease.renewedAt.set(System.nanoTime());
    return store.hold(session.userId(), lease.connectionId)
        .flatMap(becameOnline -> becameOnline
            ? announcer.announce(PresenceState.online(session.userId()))
            : Mono.<Void>empty())
        .doOnSuccess(done -> {
          if (renewalsFailing.compareAndSet(true, false)) {
            log.info("presence leases are renewed again");
          }
        })
        .onErrorResume(error -> {
          // once per outage, not once per device and round: the next rounds take the leases again
          if (renewalsFailing.compareAndSet(false, true)) {
            log.warn("presence leases cannot be renewed (Redis away?); retrying every {}: {}",
                renewInterval, error.toString());
          }
          log.debug("lease of device {} not renewed: {}", session.deviceId(), error.toString());
          return Mono.empty();
        });
  }

  private Mono<Void> announceOffline(WentOffline wentOffline) {
    return store.offlineAnnouncement(wentOffline).flatMap(announcer::announce);
  }

  /** One socket's lease: its own id (a device may briefly have two sockets), and when it was last renewed. */
  private static final class Lease {

    private final String connectionId;
    private final AtomicLong renewedAt = new AtomicLong(System.nanoTime());
    /** Completes once the first hold is done (whatever its outcome). */
    private volatile Mono<Void> taken = Mono.empty();

    private Lease(String connectionId) {
      this.connectionId = connectionId;
    }
  }
}
