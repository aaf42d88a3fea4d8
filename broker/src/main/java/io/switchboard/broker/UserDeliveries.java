package io.switchboard.broker;

import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes deliveries straight to users' routing keys, without the router: for what has no order to keep and
 * is never stored (presence, typing). The broker drops a delivery no edge is bound for: that user is offline.
 */
@Component
public class UserDeliveries {

  /** Deliveries published and confirmed as one batch. */
  static final int CHUNK_SIZE = 200;

  /** Batches awaiting confirms at once; below the publish channel pool, so other publishers still get one. */
  static final int CONCURRENCY = 2;

  private final Broker broker;
  private final BrokerCodec codec;

  UserDeliveries(Broker broker, BrokerCodec codec) {
    this.broker = broker;
    this.codec = codec;
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
