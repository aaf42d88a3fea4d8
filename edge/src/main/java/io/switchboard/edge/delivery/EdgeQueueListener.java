package io.switchboard.edge.delivery;

import io.switchboard.broker.Broker;
import io.switchboard.broker.QueueConsumer;
import io.switchboard.broker.tracing.TraceParent;
import io.switchboard.edge.EdgeProperties;
import io.switchboard.edge.session.DeviceSessions;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Owns this edge's one queue: declares it before the edge accepts sockets, and hands each delivery to the
 * sessions of its user. A delivery is acknowledged once handed over; what a device does not get this way it
 * gets from its cursor (everything delivered here is already in the database).
 */
@Component
public class EdgeQueueListener extends QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(EdgeQueueListener.class);

  /** Deliveries the broker may push ahead of acknowledgement; handing over is quick, so keep the pipe full. */
  private static final int PREFETCH = 1024;

  private final Broker broker;
  private final BrokerCodec codec;
  private final DeviceSessions sessions;
  private final String queue;
  private final UserBindings bindings;

  EdgeQueueListener(Broker broker, BrokerCodec codec, DeviceSessions sessions, EdgeProperties properties) {
    this.broker = broker;
    this.codec = codec;
    this.sessions = sessions;
    this.queue = Topology.edgeQueue(properties.id());
    this.bindings = new UserBindings(broker, queue, properties.unbindDelay());
  }

  public UserBindings bindings() {
    return bindings;
  }

  /**
   * Declares the queue before the web server starts (so no socket arrives before it exists), then consumes.
   * When the broker connection is lost the queue goes with it, and with it whatever deliveries it held: on the
   * next connection the queue is declared again, every user with a device here is bound again, and only then is
   * every device told to catch up from the database, so what the lost queue held reaches it from there (and
   * what arrives twice is dropped by sequence number).
   */
  @Override
  protected Disposable consume() {
    declare().block(Broker.CONFIRM_TIMEOUT);
    AtomicBoolean firstRun = new AtomicBoolean(true);
    Disposable consumption = reconsuming(broker, queue, () -> {
          Mono<Void> ready = firstRun.getAndSet(false) ? Mono.empty() : recover();
          return ready.thenMany(broker.consume(queue, PREFETCH))
              .doOnNext(delivery -> {
                try {
                  if (log.isDebugEnabled()) {
                    log.atDebug()
                        .addKeyValue("routingKey", delivery.getEnvelope().getRoutingKey())
                        .addKeyValue("traceId", TraceParent.fromHeaders(delivery.getProperties().getHeaders())
                            .map(TraceParent::traceId).orElse(null))
                        .log("delivery for the devices here");
                  }
                  sessions.dispatch(codec.decodeDelivery(delivery.getBody()));
                } catch (RuntimeException undecodable) {
                  log.error("dropping undecodable delivery ({} bytes)", delivery.getBody().length, undecodable);
                }
                delivery.ack();
              });
        })
        .subscribe(ignored -> {}, error -> log.error("edge stopped consuming {}", queue, error));
    log.info("edge consuming its queue {}", queue);
    return consumption;
  }

  private Mono<Void> declare() {
    return broker.declareSharedTopology().then(broker.declareEdgeQueue(queue));
  }

  /** On a new connection: the queue, the bindings of the users here, then every device catches up. */
  private Mono<Void> recover() {
    return declare()
        // deferred: the binds start at once when asked for, and the queue must exist first
        .then(Mono.defer(bindings::rebindAll))
        .doOnSuccess(done -> {
          int devices = sessions.catchUpAll();
          log.info("edge queue {} restored with {} users bound; {} devices catching up",
              queue, bindings.boundUsers(), devices);
        });
  }

  /** Before the web server (which starts late), so no socket arrives before the queue exists. */
  @Override
  public int getPhase() {
    return 0;
  }
}
