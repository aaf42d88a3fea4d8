package io.switchboard.broker;

import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands commands to the routers: persistent, and complete only when the broker has confirmed them, so the
 * caller knows the command is durable before it tells anyone so.
 */
@Component
public class RouterCommands {

  private final Broker broker;
  private final BrokerCodec codec;

  RouterCommands(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
  }

  public Mono<Void> send(SendCommand command) {
    return broker.publishConfirmed(
        new Envelope(Topology.INBOUND_EXCHANGE, Topology.SEND_ROUTING_KEY, codec.encode(command)));
  }

  public Mono<Void> receipt(ReceiptCommand command) {
    return broker.publishConfirmed(
        new Envelope(Topology.INBOUND_EXCHANGE, Topology.RECEIPT_ROUTING_KEY, codec.encode(command)));
  }

  /** A group membership change, on the same queue as sends: one order per conversation. */
  public Mono<Void> membership(MembershipCommand command) {
    return broker.publishConfirmed(
        new Envelope(Topology.INBOUND_EXCHANGE, Topology.MEMBERSHIP_ROUTING_KEY, codec.encode(command)));
  }
}
