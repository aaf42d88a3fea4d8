package io.switchboard.accounts.group;

import io.switchboard.accounts.RandomIds;
import io.switchboard.broker.Broker;
import io.switchboard.protocol.broker.MembershipOutcome;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.rabbitmq.AcknowledgableDelivery;

/**
 * This instance's reply queue, where the router answers membership commands, and the calls waiting for those
 * answers, by command id. The queue is declared on the first membership call, not at start-up, so the
 * directory's other calls never depend on the broker; if consuming stops (broker gone), the next call
 * declares it again.
 */
@Component
class MembershipOutcomes implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(MembershipOutcomes.class);

  /** Answers the broker may push ahead of acknowledgement; each is handed over at once. */
  private static final int PREFETCH = 64;

  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  private final Broker broker;
  private final BrokerCodec codec;
  private final String queue = Topology.replyQueue("accounts-" + RandomIds.newId().substring(0, 12));
  private final Map<String, Sinks.One<MembershipOutcome>> waiting = new ConcurrentHashMap<>();
  private final AtomicReference<Mono<Void>> listening = new AtomicReference<>();
  private volatile Disposable consumption;

  MembershipOutcomes(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
    listening.set(startOnce());
  }

  /** The routing key the router answers this instance on. */
  String replyTo() {
    return queue;
  }

  /**
   * Publishes a command and waits for its outcome; empty if none comes within {@code timeout} (the command is
   * queued all the same and will be applied).
   */
  Mono<MembershipOutcome> publishAndAwait(String commandId, Mono<Void> publish, Duration timeout) {
    return Mono.defer(() -> {
      Sinks.One<MembershipOutcome> outcome = Sinks.one();
      waiting.put(commandId, outcome);
      return listening.get()
          .then(publish)
          .then(outcome.asMono().timeout(timeout, Mono.empty()))
          .doFinally(signal -> waiting.remove(commandId));
    });
  }

  /** Declares the queue and starts consuming, once; a failure is not remembered, so the next call tries again. */
  private Mono<Void> startOnce() {
    return broker.declareSharedTopology()
        .then(broker.declareReplyQueue(queue))
        .then(Mono.fromRunnable(() -> consumption = broker.consume(queue, PREFETCH)
            .subscribe(this::receive, this::stopped)))
        .then()
        .cache(done -> FOREVER, error -> Duration.ZERO, () -> FOREVER);
  }

  private void receive(AcknowledgableDelivery delivery) {
    try {
      MembershipOutcome outcome = codec.decodeMembershipOutcome(delivery.getBody());
      Sinks.One<MembershipOutcome> waiter = waiting.get(outcome.commandId());
      if (waiter != null) {
        waiter.tryEmitValue(outcome);
      }
    } catch (RuntimeException undecodable) {
      log.error("dropping undecodable membership outcome ({} bytes)", delivery.getBody().length, undecodable);
    }
    delivery.ack();
  }

  private void stopped(Throwable error) {
    log.warn("stopped consuming {}; the next membership call declares it again: {}", queue, error.toString());
    listening.set(startOnce());
  }

  @Override
  public void destroy() {
    Disposable current = consumption;
    if (current != null) {
      current.dispose();
    }
  }
}
