package io.switchboard.router.fanout;

import io.switchboard.broker.Broker;
import io.switchboard.broker.Envelope;
import io.switchboard.broker.UserDeliveries;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipOutcome;
import io.switchboard.protocol.broker.MessageStored;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.broker.SendRejection;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.router.membership.MembershipResult;
import io.switchboard.router.push.PushEvents;
import io.switchboard.router.routing.RoutingOutcome;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes a routing outcome on the members' routing keys and waits for the broker's confirms. A stored
 * message goes to every member, the sender too: their other devices show it, and the sending device turns it
 * into its "accepted".
 *
 * <p>Fan-out names every member's routing key, whether or not any device of theirs is online (the broker drops
 * what no edge is bound for; offline members catch up from the database): on RabbitMQ in one publish per chunk of
 * members, elsewhere one per member ({@link UserDeliveries#publishMessage}).
 *
 * <p>Every stored message is also announced: once to {@link Topology#MESSAGES_EXCHANGE} for the services that
 * follow all messages (search), and, for members with no device online, to the push workers ({@link PushEvents}).
 * Both go to durable queues, whose confirms wait for the broker's disk; a send's deliveries ({@link #deliver})
 * and its announcement ({@link #announce}) are separate so the router's lane need not wait for the second.
 */
@Component
public class DeliveryPublisher {

  private final Broker broker;
  private final BrokerCodec codec;
  private final UserDeliveries userDeliveries;
  private final PushEvents pushEvents;

  DeliveryPublisher(Broker broker, BrokerCodec codec, UserDeliveries userDeliveries, PushEvents pushEvents) {
    this.broker = broker;
    this.codec = codec;
    this.userDeliveries = userDeliveries;
    this.pushEvents = pushEvents;
  }

  /** A stored message to every member (the sender's answer among them), or a refusal to the sender; confirmed. */
  public Mono<Void> deliver(SendCommand command, RoutingOutcome outcome) {
    if (outcome instanceof RoutingOutcome.Routed routed) {
      return userDeliveries.publishMessage(routed.message(), routed.members());
    }
    RoutingOutcome.Rejected rejected = (RoutingOutcome.Rejected) outcome;
    return userDeliveries.publish(rejection(command, rejected.code(), rejected.detail()));
  }

  /** A stored message to search and, for its offline members, to the push workers; confirmed. A refusal has none. */
  public Mono<Void> announce(RoutingOutcome outcome) {
    if (outcome instanceof RoutingOutcome.Routed routed) {
      return announce(routed.message(), routed.members());
    }
    return Mono.empty();
  }

  /**
   * An applied change's events, one after another in sequence order (each confirmed before the next, so every
   * member's queue holds them in order), then the outcome to whoever asked.
   */
  public Mono<Void> publish(MembershipCommand command, MembershipResult result) {
    if (result instanceof MembershipResult.Applied applied) {
      return Flux.fromIterable(applied.events())
          .concatMap(event -> toMembers(event.message(), event.members()))
          .then(reply(command, MembershipOutcome.applied(command, applied.eventSeqs())));
    }
    MembershipResult.Refused refused = (MembershipResult.Refused) result;
    return reply(command, MembershipOutcome.refused(command, refused.refusal(), refused.detail()));
  }

  /** A membership event, delivered and announced at once: membership changes keep their whole work in order. */
  private Mono<Void> toMembers(ChatMessage message, List<String> members) {
    return Mono.when(userDeliveries.publishMessage(message, members), announce(message, members));
  }

  private Mono<Void> announce(ChatMessage message, List<String> members) {
    return Mono.defer(() -> {
      Envelope stored = new Envelope(
          Topology.MESSAGES_EXCHANGE, Topology.MESSAGE_STORED_ROUTING_KEY, codec.encode(new MessageStored(message)));
      return Mono.when(broker.publishConfirmed(stored), pushEvents.offlineMembers(message, members));
    });
  }

  private Mono<Void> reply(MembershipCommand command, MembershipOutcome outcome) {
    if (command.replyTo() == null) {
      return Mono.empty();
    }
    return broker.publishConfirmed(
        new Envelope(Topology.REPLY_EXCHANGE, command.replyTo(), codec.encode(outcome)));
  }

  private static SendRejection rejection(SendCommand command, ErrorCode code, String detail) {
    return new SendRejection(
        command.senderId(), command.senderDeviceId(), command.clientMessageId(), code.wireName(), detail);
  }
}
