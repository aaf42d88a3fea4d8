package io.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.switchboard.protocol.topology.Topology;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.rabbitmq.BindingSpecification;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.ChannelPoolFactory;
import reactor.rabbitmq.ChannelPoolOptions;
import reactor.rabbitmq.ConsumeOptions;
import reactor.rabbitmq.ExchangeSpecification;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.QueueSpecification;
import reactor.rabbitmq.RabbitFlux;
import reactor.rabbitmq.Receiver;
import reactor.rabbitmq.ReceiverOptions;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;

/**
 * Everything Switchboard does with the broker, and the only class that knows reactor-rabbitmq: it is dormant,
 * so it stays replaceable behind this one class.
 *
 * <p>Publisher and consumer share one connection: an exclusive queue declared on one connection cannot be
 * consumed from another.
 */
public final class Broker implements AutoCloseable {

  /** How long a publish waits for the broker's confirm before the sender is told it failed. */
  public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

  /** Channels kept open for publishing; a publish borrows one instead of opening its own. */
  private static final int PUBLISH_CHANNEL_POOL_SIZE = 8;

  private final Mono<Connection> connection;
  private final Sender sender;
  private final Receiver receiver;
  private final ChannelPool publishChannels;
  private final SendOptions confirmedSendOptions;

  private Broker(Mono<Connection> connection) {
    this.connection = connection;
    this.sender = RabbitFlux.createSender(new SenderOptions().connectionMono(connection));
    this.receiver = RabbitFlux.createReceiver(new ReceiverOptions().connectionMono(connection));
    this.publishChannels =
        ChannelPoolFactory.createChannelPool(
            connection, new ChannelPoolOptions().maxCacheSize(PUBLISH_CHANNEL_POOL_SIZE));
    this.confirmedSendOptions = new SendOptions().channelPool(publishChannels);
  }

  public static Broker connect(BrokerProperties properties) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(properties.uri());
    } catch (Exception e) {
      throw new IllegalArgumentException("switchboard.broker.uri is not a valid AMQP URI", e);
    }
    factory.useNio();
    // recovery is ours (redeclare and rebind); the client's own recovery would race with it
    factory.setAutomaticRecoveryEnabled(false);
    Mono<Connection> connection =
        Mono.fromCallable(() -> factory.newConnection(properties.connectionName()))
            .subscribeOn(Schedulers.boundedElastic())
            .cache();
    return new Broker(connection);
  }

  /** Exchanges and the router's queue; idempotent, every service declares them on start. */
  public Mono<Void> declareSharedTopology() {
    return sender
        .declareExchange(ExchangeSpecification.exchange(Topology.INBOUND_EXCHANGE).type("direct").durable(true))
        .then(sender.declareExchange(
            ExchangeSpecification.exchange(Topology.DELIVERY_EXCHANGE).type("direct").durable(true)))
        .then(sender.declareQueue(QueueSpecification.queue(Topology.ROUTER_QUEUE).durable(true)))
        .then(sender.bind(BindingSpecification.binding(
            Topology.INBOUND_EXCHANGE, Topology.SEND_ROUTING_KEY, Topology.ROUTER_QUEUE)))
        .then(sender.bind(BindingSpecification.binding(
            Topology.INBOUND_EXCHANGE, Topology.MEMBERSHIP_ROUTING_KEY, Topology.ROUTER_QUEUE)))
        .then(sender.declareExchange(
            ExchangeSpecification.exchange(Topology.REPLY_EXCHANGE).type("direct").durable(true)))
        .then(sender.declareQueue(QueueSpecification.queue(Topology.ROUTER_RECEIPT_QUEUE).durable(true)))
        .then(sender.bind(BindingSpecification.binding(
            Topology.INBOUND_EXCHANGE, Topology.RECEIPT_ROUTING_KEY, Topology.ROUTER_RECEIPT_QUEUE)))
        .then(sender.declareExchange(
            ExchangeSpecification.exchange(Topology.MESSAGES_EXCHANGE).type("direct").durable(true)))
        .then(sender.declareQueue(QueueSpecification.queue(Topology.SEARCH_INDEX_QUEUE).durable(true)))
        .then(sender.bind(BindingSpecification.binding(
            Topology.MESSAGES_EXCHANGE, Topology.MESSAGE_STORED_ROUTING_KEY, Topology.SEARCH_INDEX_QUEUE)))
        .then();
  }

  /** An edge's own queue: exclusive to this connection, gone when the edge is. */
  public Mono<Void> declareEdgeQueue(String queue) {
    return sender
        .declareQueue(QueueSpecification.queue(queue).durable(false).exclusive(true).autoDelete(true))
        .then();
  }

  /**
   * A service instance's own reply queue (exclusive, gone with the instance), bound to the reply exchange
   * under its own name.
   */
  public Mono<Void> declareReplyQueue(String queue) {
    return sender
        .declareQueue(QueueSpecification.queue(queue).durable(false).exclusive(true).autoDelete(true))
        .then(sender.bind(BindingSpecification.binding(Topology.REPLY_EXCHANGE, queue, queue)))
        .then();
  }

  /**
   * Bind and unbind are RPCs on one shared channel, which takes one RPC at a time. Each is started off the
   * AMQP client's I/O thread: a bind chained after another completes on that thread, and starting the next
   * RPC there while a third is in flight would block the very thread that must read its reply (seen when an
   * edge's sockets all left at once on a drain: every later reply, even a consumer's cancel-ok, stuck).
   */
  public Mono<Void> bind(String exchange, String routingKey, String queue) {
    return Mono.defer(() -> sender.bind(BindingSpecification.binding(exchange, routingKey, queue)).then())
        .subscribeOn(Schedulers.boundedElastic());
  }

  public Mono<Void> unbind(String exchange, String routingKey, String queue) {
    return Mono.defer(() -> sender.unbind(BindingSpecification.binding(exchange, routingKey, queue)).then())
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * Publishes persistent messages and completes once the broker has confirmed every one; fails with
   * {@link BrokerUnavailableException} if any is nacked or the confirm does not come in time.
   */
  public Mono<Void> publishConfirmed(List<Envelope> envelopes) {
    if (envelopes.isEmpty()) {
      return Mono.empty();
    }
    Flux<OutboundMessage> messages =
        Flux.fromIterable(envelopes)
            .map(envelope -> new OutboundMessage(
                envelope.exchange(), envelope.routingKey(), PERSISTENT_JSON, envelope.body()));
    return sender
        .sendWithPublishConfirms(messages, confirmedSendOptions)
        .timeout(CONFIRM_TIMEOUT)
        .onErrorMap(
            error -> !(error instanceof BrokerUnavailableException),
            error -> new BrokerUnavailableException("publish was not confirmed: " + error.getMessage(), error))
        .handle((OutboundMessageResult result, reactor.core.publisher.SynchronousSink<Void> sink) -> {
          if (!result.isAck()) {
            sink.error(new BrokerUnavailableException("broker refused a message for " + result.getOutboundMessage().getRoutingKey()));
          }
        })
        .then();
  }

  public Mono<Void> publishConfirmed(Envelope envelope) {
    return publishConfirmed(List.of(envelope));
  }

  /** Consumes with manual acknowledgement; at most {@code prefetch} unacknowledged deliveries in flight. */
  public Flux<AcknowledgableDelivery> consume(String queue, int prefetch) {
    return receiver.consumeManualAck(queue, new ConsumeOptions().qos(prefetch));
  }

  @Override
  public void close() {
    publishChannels.close();
    sender.close();
    receiver.close();
    // closing the connection returns every unacknowledged delivery to its queue at once
    Connection open = connection.onErrorResume(error -> Mono.empty()).block(CONFIRM_TIMEOUT);
    if (open != null && open.isOpen()) {
      try {
        open.close();
      } catch (Exception alreadyClosed) {
        // closed by the sender or receiver meanwhile: the outcome we wanted
      }
    }
  }

  private static final AMQP.BasicProperties PERSISTENT_JSON =
      MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();
}
