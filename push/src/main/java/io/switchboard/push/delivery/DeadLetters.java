package io.switchboard.push.delivery;

import io.switchboard.broker.Broker;
import io.switchboard.broker.Envelope;
import io.switchboard.protocol.broker.DeadNotification;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.push.target.PushTarget;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Puts a notification that failed for good on {@link Topology#PUSH_DEAD_LETTER_QUEUE}, with the reason. */
@Component
class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final Broker broker;
  private final BrokerCodec codec;

  DeadLetters(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
  }

  Mono<Void> add(PushTarget target, Notification notification, String reason, int attempts) {
    DeadNotification dead = new DeadNotification(notification.userId(), notification.conversationId(),
        target.targetId(), target.provider().wireName(), reason, attempts, notification.lastSeq(),
        notification.messageCount(), Instant.now());
    log.warn("push to {} target {} failed after {} attempts, dead-lettered: {}",
        target.provider().wireName(), target.targetId(), attempts, reason);
    return broker.publishConfirmed(
        new Envelope(Topology.PUSH_EXCHANGE, Topology.PUSH_DEAD_ROUTING_KEY, codec.encode(dead)));
  }
}
