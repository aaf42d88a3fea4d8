package io.switchboard.edge.delivery;

import io.switchboard.broker.Broker;
import io.switchboard.broker.Envelope;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Hands a device's send to the routers: persistent, and complete only when the broker has confirmed it. */
@Component
public class SendCommandPublisher {

  private final Broker broker;
  private final BrokerCodec codec;

  SendCommandPublisher(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
  }

  public Mono<Void> publish(SendCommand command) {
    return broker.publishConfirmed(
        new Envelope(Topology.INBOUND_EXCHANGE, Topology.SEND_ROUTING_KEY, codec.encode(command)));
  }
}
