package io.switchboard.broker;

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
 */
@Component
public class UserDeliveries {

  /** Deliveries published and confirmed as one batch. */
  static final int CHUNK_SIZE = 200;

  /** Batches awaiting confirms at once; below the publish channel pool, so other publishers still get one. */
  static final int CONCURRENCY = 4;

  private final Broker broker;
  private final BrokerCodec codec;

  UserDeliveries(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
  }

  public Mono<Void> publish(UserDelivery delivery) {
    return publish(Flux.just(delivery));
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
