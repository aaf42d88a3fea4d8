package io.switchboard.router.receipt;

import io.switchboard.broker.Broker;
import io.switchboard.broker.QueueConsumer;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.router.RouterProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.AcknowledgableDelivery;

/**
 * Consumes receipt commands (delivered/read watermarks). Acknowledged only once handled, like messages;
 * watermarks only move forward, so handling one twice after a restart changes nothing.
 */
@Component
class ReceiptCommandConsumer extends QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(ReceiptCommandConsumer.class);

  /** Receipt commands handled at once; each is a few small reads and writes. */
  private static final int CONCURRENCY = 16;

  private final Broker broker;
  private final BrokerCodec codec;
  private final ReceiptRouter router;
  private final RouterProperties properties;

  ReceiptCommandConsumer(Broker broker, BrokerCodec codec, ReceiptRouter router, RouterProperties properties) {
    this.broker = broker;
    this.codec = codec;
    this.router = router;
    this.properties = properties;
  }

  @Override
  protected Disposable consume() {
    broker.declareSharedTopology().block(Broker.CONFIRM_TIMEOUT);
    Disposable consumption = reconsuming(broker, Topology.ROUTER_RECEIPT_QUEUE, () -> broker.declareSharedTopology()
            .thenMany(broker.consume(Topology.ROUTER_RECEIPT_QUEUE, properties.prefetch()))
            .flatMap(this::handle, CONCURRENCY))
        .subscribe(
            ignored -> {},
            error -> log.error("router stopped consuming {}", Topology.ROUTER_RECEIPT_QUEUE, error));
    return consumption;
  }

  private Mono<Void> handle(AcknowledgableDelivery delivery) {
    ReceiptCommand command;
    try {
      command = codec.decodeReceiptCommand(delivery.getBody());
    } catch (RuntimeException undecodable) {
      log.error("dropping undecodable receipt command ({} bytes)", delivery.getBody().length, undecodable);
      delivery.ack();
      return Mono.empty();
    }
    return Mono.defer(() -> router.route(command))
        .doOnError(error -> log.warn("receipt of {} in {} failed, retrying: {}",
            command.userId(), command.conversationId(), error.toString()))
        .retryWhen(retryForever())
        .doOnSuccess(done -> delivery.ack());
  }
}
