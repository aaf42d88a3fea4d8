package io.switchboard.push.event;

import io.switchboard.broker.Broker;
import io.switchboard.broker.QueueConsumer;
import io.switchboard.protocol.broker.ConversationRead;
import io.switchboard.protocol.broker.OfflineMessage;
import io.switchboard.protocol.broker.PushEvent;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.push.PushProperties;
import io.switchboard.push.delivery.NotificationDispatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.rabbitmq.AcknowledgableDelivery;

/**
 * Consumes {@link Topology#PUSH_EVENTS_QUEUE}: offline messages go into bursts ({@link BurstCollapser}); a
 * closed burst, or a read, becomes work that runs with at most {@link PushProperties#concurrency()} at once,
 * apart from consumption, so a slow or failing provider never holds up the events behind it. Each event is
 * acknowledged once the work covering it is done (a notification sent, dead-lettered, or found unneeded).
 */
@Component
class PushEventConsumer extends QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(PushEventConsumer.class);

  private final Broker broker;
  private final BrokerCodec codec;
  private final NotificationDispatch dispatch;
  private final PushProperties properties;
  private volatile Sinks.Many<Supplier<Mono<Void>>> work;
  private final BurstCollapser collapser;

  PushEventConsumer(Broker broker, BrokerCodec codec, NotificationDispatch dispatch, PushProperties properties) {
    this.broker = broker;
    this.codec = codec;
    this.dispatch = dispatch;
    this.properties = properties;
    this.collapser = new BurstCollapser(properties.collapseQuiet(), properties.collapseMaxDelay(),
        burst -> submit(() -> dispatch.notify(burst.key.userId(), burst.latest, burst.messageCount)
            .doOnSuccess(done -> burst.acknowledge())));
  }

  @Override
  protected Disposable consume() {
    broker.declareSharedTopology().then(broker.declarePushQueues()).block(Broker.CONFIRM_TIMEOUT);
    work = Sinks.many().unicast().onBackpressureBuffer();
    Disposable working = work.asFlux()
        .flatMap(next -> Mono.defer(next)
            .doOnError(error -> log.warn("push work failed, retrying: {}", error.toString()))
            .retryWhen(retryForever()), properties.concurrency())
        .subscribe();
    Disposable consuming = broker.consume(Topology.PUSH_EVENTS_QUEUE, properties.prefetch())
        .subscribe(this::receive, error -> log.error("push stopped consuming {}", Topology.PUSH_EVENTS_QUEUE, error));
    log.info("push consuming {}", Topology.PUSH_EVENTS_QUEUE);
    return Disposables.composite(consuming, working, collapser::clear);
  }

  private void receive(AcknowledgableDelivery delivery) {
    PushEvent event;
    try {
      event = codec.decodePushEvent(delivery.getBody());
    } catch (RuntimeException undecodable) {
      log.error("undecodable push event ({} bytes)", delivery.getBody().length, undecodable);
      delivery.ack();
      return;
    }
    if (event instanceof OfflineMessage message) {
      SharedAcknowledgement acknowledgement = new SharedAcknowledgement(delivery, message.recipientIds().size());
      if (message.recipientIds().isEmpty()) {
        delivery.ack();
      }
      message.recipientIds().forEach(recipient -> collapser.add(recipient, message, acknowledgement));
    } else if (event instanceof ConversationRead read) {
      collapser.takeCoveredBy(read).ifPresent(Burst::acknowledge);
      submit(() -> dispatch.withdraw(read).doOnSuccess(done -> delivery.ack()));
    }
  }

  /** Serialized by the callers (the collapser's lock, or the single consuming thread) — but not with each other. */
  private synchronized void submit(Supplier<Mono<Void>> next) {
    work.emitNext(next, Sinks.EmitFailureHandler.FAIL_FAST);
  }
}
