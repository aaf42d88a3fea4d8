package io.switchboard.broker;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes deliveries on users' routing keys and completes when the broker has confirmed them all: the one
 * fan-out every service uses (the router's messages, receipts and read state; presence and typing; sign-outs).
 * The broker drops a delivery no edge is bound for: that user has no device online. A large audience (a
 * 1,000-member group) goes out in chunks of {@link #CHUNK_SIZE}, at most {@link #CONCURRENCY} awaiting
 * confirms at once, so it neither builds one huge batch nor holds every publish channel.
 *
 * <p>A stored message is the same for every member, so where the broker routes one publish to many routing keys
 * ({@link Broker#routesBcc()}: RabbitMQ) it goes out once per chunk of members, naming them all: each edge's queue
 * gets one copy however many of the members it holds, instead of one per member. Elsewhere, and for the two
 * members of a direct conversation, every member gets a publish of their own.
 */
@Component
public class UserDeliveries {

  /** Deliveries published and confirmed as one batch. */
  static final int CHUNK_SIZE = 200;

  /** Batches awaiting confirms at once; below the publish channel pool, so other publishers still get one. */
  static final int CONCURRENCY = 4;

  /**
   * The fewest members worth one publish naming them all. The two people of a direct conversation are mostly on
   * different edges, so one publish would still be two copies, and RabbitMQ decodes and rewrites a publish's
   * properties to take the header out: no saving to pay for it (docs/performance.md, seventh pass).
   */
  static final int MIN_MEMBERS_TO_NAME_TOGETHER = 3;

  private final Broker broker;
  private final BrokerCodec codec;

  public UserDeliveries(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
  }

  public Mono<Void> publish(UserDelivery delivery) {
    return publish(Flux.just(delivery));
  }

  /** A stored message for these members (at least one), each of whose devices the edges hand it to. */
  public Mono<Void> publishMessage(ChatMessage message, List<String> members) {
    if (members.size() < MIN_MEMBERS_TO_NAME_TOGETHER || !broker.routesBcc()) {
      return publish(Flux.fromIterable(members).map(member -> new MessageDelivery(member, message)));
    }
    return Flux.fromIterable(members)
        .buffer(CHUNK_SIZE)
        .map(chunk -> {
          List<String> others = chunk.subList(1, chunk.size());
          return new Envelope(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(chunk.get(0)),
              codec.encode(new MessageDelivery(chunk.get(0), message, others)),
              others.stream().map(Topology::userRoutingKey).toList());
        })
        .collectList()
        .flatMap(broker::publishConfirmed);
  }

  public Mono<Void> publish(Flux<? extends UserDelivery> deliveries) {
    return deliveries
        .map(delivery -> new Envelope(
            Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(delivery.userId()), codec.encode(delivery)))
        .buffer(CHUNK_SIZE)
        .flatMap((List<Envelope> chunk) -> broker.publishConfirmed(chunk), CONCURRENCY)
        .then();
  }
}
