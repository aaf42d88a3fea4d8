package io.switchboard.edge.delivery;

import io.switchboard.broker.Broker;
import io.switchboard.broker.BrokerUnavailableException;
import io.switchboard.protocol.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this edge's queue bound to the routing key of every user with at least one device here: bound when
 * the first device arrives, unbound a while after the last one left ({@code unbindDelay}).
 *
 * <p>Why the delay: devices come back. A phone changing networks, a page reloading, or every client at once
 * after a network blip (a reconnect storm) would otherwise cost two broker RPCs per user (unbind, then bind
 * again), and the broker answers binding changes one at a time per channel and slowly (each is a transaction
 * in its metadata store). Meanwhile the user's deliveries still reach this edge and find no session, which
 * costs nothing: every delivery is already in the database, and the devices read it from their cursors.
 *
 * <p>Bind and unbind of one user are chained one after another, so a quick leave-and-return can never end with
 * the unbind landing last. A bind that failed is not handed to the next device as if it were its own: that
 * device binds again.
 */
public final class UserBindings {

  private static final Logger log = LoggerFactory.getLogger(UserBindings.class);

  /** Binding one user's routing key to this edge's queue; the broker, except in tests of the bookkeeping. */
  interface Binder {
    Mono<Void> bind(String userId);

    Mono<Void> unbind(String userId);
  }

  private final Binder binder;
  private final Duration unbindDelay;
  private final Scheduler timer;
  /** Guarded per user by the map's compute: a user's {@link Binding} is only replaced, never changed in place. */
  private final ConcurrentHashMap<String, Binding> bindings = new ConcurrentHashMap<>();

  public UserBindings(Broker broker, String queue, Duration unbindDelay) {
    this(new BrokerBinder(broker, queue), unbindDelay, Schedulers.parallel());
  }

  UserBindings(Binder binder, Duration unbindDelay, Scheduler timer) {
    this.binder = binder;
    this.unbindDelay = unbindDelay;
    this.timer = timer;
  }

  /**
   * How long a device waits for its user's bind: past it the device is told to come back later, while the bind
   * goes on (cancelling it would break the broker connection, see {@link Broker#bind}) and counts for the next
   * device if it succeeds.
   */
  static final Duration BIND_WAIT = Duration.ofSeconds(10);

  /**
   * Completes when the user's routing key is bound to this edge's queue; fails if binding it failed or did not
   * finish within {@link #BIND_WAIT}.
   */
  public Mono<Void> attach(String userId) {
    Binding binding = bindings.compute(userId, (user, current) -> {
      if (current == null) {
        return Binding.binding(1, Operation.start(binder.bind(user)));
      }
      if (current.isUnbinding()) {
        return Binding.binding(1, Operation.start(after(current.pending(), binder.bind(user))));
      }
      current.cancelUnbind();
      if (current.pending().failed()) {
        // the devices before this one were told it failed; this one asks again
        return Binding.binding(current.devices() + 1, Operation.start(binder.bind(user)));
      }
      return Binding.binding(current.devices() + 1, current.pending());
    });
    return binding.pending().outcome().timeout(BIND_WAIT, Mono.error(() -> new BrokerUnavailableException(
        "the broker did not bind user " + userId + " within " + BIND_WAIT.toSeconds() + " s")), timer);
  }

  public void detach(String userId) {
    bindings.computeIfPresent(userId, (user, current) -> {
      if (current.isUnbinding() || current.devices() == 0) {
        return current; // more leaving than arrived: nothing of theirs is bound any more
      }
      if (current.devices() > 1) {
        return Binding.binding(current.devices() - 1, current.pending());
      }
      Binding idle = Binding.binding(0, current.pending());
      idle.unbindLater(timer.schedule(() -> unbindIfStillIdle(user, idle), unbindDelay.toMillis(),
          TimeUnit.MILLISECONDS));
      return idle;
    });
  }

  /**
   * Binds every user with a device here again: after a lost connection took the queue and its bindings with
   * it. Completes when all are bound; fails if any bind does (the caller tries again on the next connection).
   * Users whose devices have all left are forgotten rather than bound again: their bindings went with the queue.
   */
  public Mono<Void> rebindAll() {
    bindings.values().removeIf(binding -> {
      if (binding.devices() > 0) {
        return false;
      }
      binding.cancelUnbind();
      return true;
    });
    List<Mono<Void>> rebinds = new ArrayList<>();
    bindings.replaceAll((user, current) -> {
      if (current.devices() == 0) {
        return current; // left meanwhile: its own detach has scheduled the unbind
      }
      Binding rebound = Binding.binding(current.devices(),
          Operation.start(after(current.pending(), binder.bind(user))));
      rebinds.add(rebound.pending().outcome());
      return rebound;
    });
    // each bind is under way already (one user's operations stay chained); wait for all
    return Mono.when(rebinds);
  }

  /** Users with a device here (not those whose binding is only lingering). */
  public int boundUsers() {
    return (int) bindings.values().stream().filter(binding -> binding.devices() > 0).count();
  }

  /** Users with an entry at all: bound, lingering after their last device left, or being unbound. */
  int trackedUsers() {
    return bindings.size();
  }

  private void unbindIfStillIdle(String userId, Binding idle) {
    Binding[] unbinding = new Binding[1];
    bindings.computeIfPresent(userId, (user, current) -> {
      if (current != idle) {
        return current; // a device came back meanwhile
      }
      unbinding[0] = Binding.unbinding(Operation.start(after(current.pending(), binder.unbind(user)
          .doOnError(error -> log.warn("could not unbind user {}: {}", user, error.toString())))));
      return unbinding[0];
    });
    if (unbinding[0] != null) {
      Binding done = unbinding[0];
      // forget the user once the unbind is done, unless a device came back meanwhile
      done.pending().outcome().onErrorResume(error -> Mono.empty())
          .doFinally(signal -> bindings.remove(userId, done))
          .subscribe();
    }
  }

  private static Mono<Void> after(Operation previous, Mono<Void> next) {
    return previous.outcome().onErrorResume(error -> Mono.empty()).then(next);
  }

  /** A broker operation that runs now, whoever waits for it, and remembers its outcome for those who do. */
  private static final class Operation {

    private final Mono<Void> outcome;
    private volatile boolean failed;

    private Operation(Mono<Void> operation) {
      this.outcome = operation
          .doOnError(error -> failed = true)
          .cache();
    }

    static Operation start(Mono<Void> operation) {
      Operation started = new Operation(operation);
      started.outcome.subscribe(ignored -> {}, error -> {});
      return started;
    }

    Mono<Void> outcome() {
      return outcome;
    }

    boolean failed() {
      return failed;
    }
  }

  /**
   * One user's state: how many of their devices are here and the latest bind or unbind. Idle (no devices,
   * bound) until {@code unbindLater}'s timer fires or a device returns and cancels it.
   */
  private static final class Binding {

    private final int devices;
    private final Operation pending;
    private final boolean unbinding;
    private volatile Disposable unbindTimer;

    private Binding(int devices, Operation pending, boolean unbinding) {
      this.devices = devices;
      this.pending = pending;
      this.unbinding = unbinding;
    }

    static Binding binding(int devices, Operation bind) {
      return new Binding(devices, bind, false);
    }

    static Binding unbinding(Operation unbind) {
      return new Binding(0, unbind, true);
    }

    int devices() {
      return devices;
    }

    Operation pending() {
      return pending;
    }

    boolean isUnbinding() {
      return unbinding;
    }

    void unbindLater(Disposable timer) {
      this.unbindTimer = timer;
    }

    void cancelUnbind() {
      Disposable timer = unbindTimer;
      if (timer != null) {
        timer.dispose();
      }
    }
  }

  /** Binds on this edge's queue in the broker's delivery exchange. */
  private record BrokerBinder(Broker broker, String queue) implements Binder {

    @Override
    public Mono<Void> bind(String userId) {
      return broker.bind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(userId), queue);
    }

    @Override
    public Mono<Void> unbind(String userId) {
      return broker.unbind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(userId), queue);
    }
  }
}
