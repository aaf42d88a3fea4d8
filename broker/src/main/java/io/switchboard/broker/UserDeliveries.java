package io.switchboard.broker;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import java.util.List;
import java.util.function.BiFunction;
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
 * <p>A delivery that is the same for several users (a stored message for its members, a receipt for the senders
 * it concerns) goes out, where the broker routes one publish to many routing keys ({@link Broker#routesBcc()}:
 * RabbitMQ), once per chunk of users, naming them all: each edge's queue gets one copy however many of them it
 * holds, instead of one per user ({@link #publishToAll}). Elsewhere, and for fewer than
 * {@link #MIN_USERS_TO_NAME_TOGETHER}, every user gets a publish of their own.
 */
@Component
public class UserDeliveries {

  /** Deliveries published and confirmed as one batch. */
  static final int CHUNK_SIZE = 200;

  /** Batches awaiting confirms at once; below the publish channel pool, so other publishers still get one. */
  static final int CONCURRENCY = 4;

  /**
   * The fewest users worth one publish naming them all. The two people of a direct conversation are mostly on
   * different edges, so one publish would still be two copies, and RabbitMQ decodes and rewrites a publish's
   * properties to take the header out: no saving to pay for it (docs/performance.md, seventh pass).
   */
  static final int MIN_USERS_TO_NAME_TOGETHER = 3;

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
    return publishToAll(members, (user, others) -> new MessageDelivery(user, message, others));
  }

  /**
   * The same delivery for each of these users (none is fine): {@code addressed} makes it for one user and
   * names the others it also goes to (none, where each gets a publish of their own).
   */
  public Mono<Void> publishToAll(List<String> users, BiFunction<String, List<String>, UserDelivery> addressed) {
    if (users.size() < MIN_USERS_TO_NAME_TOGETHER || !broker.routesBcc()) {
      return publish(Flux.fromIterable(users).map(user -> addressed.apply(user, List.of())));
    }
    return Flux.fromIterable(users)
        .buffer(CHUNK_SIZE)
        .map(chunk -> {
          List<String> others = chunk.subList(1, chunk.size());
          return new Envelope(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(chunk.get(0)),
              codec.encode(addressed.apply(chunk.get(0), others)),
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
