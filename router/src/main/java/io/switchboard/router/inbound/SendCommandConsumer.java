package io.switchboard.router.inbound;

import io.switchboard.broker.Broker;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.router.RouterProperties;
import io.switchboard.router.fanout.DeliveryPublisher;
import io.switchboard.router.routing.MessageRouter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.util.retry.Retry;

/**
 * Consumes the router queue. A command is acknowledged to the broker only after its message is stored and
 * its deliveries are confirmed, so a router that stops at any point leaves unfinished work in the queue for
 * the next one; the stored-message check makes the repeat harmless.
 *
 * <p>Commands are spread over lanes by conversation: one conversation's commands are handled in arrival
 * order, lanes run in parallel. A failure (database or broker away) is retried in place with backoff rather
 * than requeued, so the lane keeps its order and nothing is skipped.
 */
@Component
class SendCommandConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SendCommandConsumer.class);

  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  private final Broker broker;
  private final BrokerCodec codec;
  private final MessageRouter router;
  private final DeliveryPublisher publisher;
  private final RouterProperties properties;
  private volatile Disposable consumption;

  SendCommandConsumer(
      Broker broker,
      BrokerCodec codec,
      MessageRouter router,
      DeliveryPublisher publisher,
      RouterProperties properties) {
    this.broker = broker;
    this.codec = codec;
    this.router = router;
    this.publisher = publisher;
    this.properties = properties;
  }

  @Override
  public void start() {
    broker.declareSharedTopology().block(Broker.CONFIRM_TIMEOUT);
    int lanes = properties.partitions();
    consumption = broker
        .consume(Topology.ROUTER_QUEUE, properties.prefetch())
        .map(this::decode)
        .groupBy(received -> received.lane(lanes), properties.prefetch())
        .flatMap(lane -> lane.concatMap(this::handle), lanes)
        .subscribe(
            ignored -> {},
            error -> log.error("router stopped consuming {}", Topology.ROUTER_QUEUE, error));
    log.info("router consuming {} with {} lanes", Topology.ROUTER_QUEUE, lanes);
  }

  private ReceivedCommand decode(AcknowledgableDelivery delivery) {
    try {
      return new ReceivedCommand(delivery, codec.decodeSendCommand(delivery.getBody()));
    } catch (RuntimeException undecodable) {
      log.error("undecodable send command ({} bytes)", delivery.getBody().length, undecodable);
      return new ReceivedCommand(delivery, null);
    }
  }

  private Mono<Void> handle(ReceivedCommand received) {
    SendCommand command = received.command();
    if (command == null) {
      // nobody to answer and nothing to store: keeping it would block the queue forever
      received.delivery().ack();
      return Mono.empty();
    }
    return Mono.defer(() -> router.route(command))
        .flatMap(outcome -> publisher.publish(command, outcome))
        .doOnError(error -> log.warn("routing {} from {} failed, retrying: {}",
            command.clientMessageId(), command.senderId(), error.toString()))
        .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY_DELAY).maxBackoff(MAX_RETRY_DELAY))
        .doOnSuccess(done -> received.delivery().ack());
  }

  /** A delivery and its decoded command (null when it could not be decoded). */
  private record ReceivedCommand(AcknowledgableDelivery delivery, SendCommand command) {

    /** Same conversation, same lane: keeps one conversation's sends in order. */
    int lane(int lanes) {
      if (command == null) {
        return 0;
      }
      String key = command.recipientId() != null && !command.recipientId().equals(command.senderId())
          ? ConversationIds.direct(command.senderId(), command.recipientId())
          : String.valueOf(command.conversationId());
      return Math.floorMod(key.hashCode(), lanes);
    }
  }

  @Override
  public void stop() {
    Disposable current = consumption;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable current = consumption;
    return current != null && !current.isDisposed();
  }
}
