package io.switchboard.router.fanout;

import io.switchboard.broker.Broker;
import io.switchboard.broker.Envelope;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.broker.SendRejection;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.router.routing.RoutingOutcome;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes a routing outcome on the members' routing keys and waits for the broker's confirms. A stored
 * message goes to every member, the sender too: their other devices show it, and the sending device turns it
 * into its "accepted".
 */
@Component
public class DeliveryPublisher {

  private final Broker broker;
  private final BrokerCodec codec;

  DeliveryPublisher(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
  }

  public Mono<Void> publish(SendCommand command, RoutingOutcome outcome) {
    if (outcome instanceof RoutingOutcome.Routed routed) {
      return broker.publishConfirmed(routed.members().stream()
          .map(member -> envelope(member, codec.encode(new MessageDelivery(member, routed.message()))))
          .toList());
    }
    RoutingOutcome.Rejected rejected = (RoutingOutcome.Rejected) outcome;
    return broker.publishConfirmed(
        envelope(command.senderId(), codec.encode(rejection(command, rejected.code(), rejected.detail()))));
  }

  private static SendRejection rejection(SendCommand command, ErrorCode code, String detail) {
    return new SendRejection(
        command.senderId(), command.senderDeviceId(), command.clientMessageId(), code.wireName(), detail);
  }

  private static Envelope envelope(String userId, byte[] body) {
    return new Envelope(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(userId), body);
  }
}
