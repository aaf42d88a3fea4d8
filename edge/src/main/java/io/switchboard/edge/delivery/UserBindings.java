package io.switchboard.edge.delivery;

import io.switchboard.broker.Broker;
import io.switchboard.protocol.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps this edge's queue bound to the routing key of every user with at least one device here: bound when
 * the first device arrives, unbound when the last leaves. Bind and unbind of one user are chained one after
 * another, so a quick leave-and-return can never end with the unbind landing last.
 */
public final class UserBindings {

  private static final Logger log = LoggerFactory.getLogger(UserBindings.class);

  private final Broker broker;
  private final String queue;
  private final ConcurrentHashMap<String, Binding> bindings = new ConcurrentHashMap<>();

  public UserBindings(Broker broker, String queue) {
    this.broker = broker;
    this.queue = queue;
  }

  /** Completes when the user's routing key is bound to this edge's queue. */
  public Mono<Void> attach(String userId) {
    Binding binding = bindings.compute(userId, (user, current) -> {
      if (current == null) {
        return new Binding(1, start(bind(user)));
      }
      if (current.devices() == 0) {
        return new Binding(1, start(after(current.pending(), bind(user))));
      }
      return new Binding(current.devices() + 1, current.pending());
    });
    return binding.pending();
  }

  public void detach(String userId) {
    Binding[] left = new Binding[1];
    bindings.computeIfPresent(userId, (user, current) -> {
      if (current.devices() > 1) {
        return new Binding(current.devices() - 1, current.pending());
      }
      left[0] = new Binding(0, start(after(current.pending(), unbind(user))));
      return left[0];
    });
    if (left[0] != null) {
      Binding idle = left[0];
      // forget the user once the unbind is done, unless a device came back meanwhile
      idle.pending().onErrorResume(error -> Mono.empty())
          .doFinally(signal -> bindings.remove(userId, idle))
          .subscribe();
    }
  }

  /**
   * Binds every user with a device here again: after a lost connection took the queue and its bindings with
   * it. Completes when all are bound; fails if any bind does (the caller tries again on the next connection).
   */
  public Mono<Void> rebindAll() {
    List<Mono<Void>> rebinds = new ArrayList<>();
    bindings.replaceAll((user, current) -> {
      if (current.devices() == 0) {
        return current;
      }
      Binding rebound = new Binding(current.devices(), start(after(current.pending(), bind(user))));
      rebinds.add(rebound.pending());
      return rebound;
    });
    // each bind is under way already (one user's operations stay chained); wait for all
    return Mono.when(rebinds);
  }

  public int boundUsers() {
    return (int) bindings.values().stream().filter(binding -> binding.devices() > 0).count();
  }

  private Mono<Void> bind(String userId) {
    return broker.bind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(userId), queue);
  }

  private Mono<Void> unbind(String userId) {
    return broker.unbind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(userId), queue)
        .doOnError(error -> log.warn("could not unbind user {}: {}", userId, error.toString()));
  }

  private static Mono<Void> after(Mono<Void> previous, Mono<Void> next) {
    return previous.onErrorResume(error -> Mono.empty()).then(next);
  }

  /** Runs the operation now, whoever waits for it, and remembers its outcome for those who do. */
  private static Mono<Void> start(Mono<Void> operation) {
    Mono<Void> cached = operation.cache();
    cached.subscribe(done -> {}, error -> {});
    return cached;
  }

  private record Binding(int devices, Mono<Void> pending) {}
}
