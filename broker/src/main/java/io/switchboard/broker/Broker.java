package io.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.switchboard.broker.tracing.TraceParent;
import io.switchboard.protocol.topology.Topology;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.rabbitmq.BindingSpecification;
import reactor.rabbitmq.ConsumeOptions;
import reactor.rabbitmq.ExchangeSpecification;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.OutboundMessageResult;
import reactor.rabbitmq.QueueSpecification;
import reactor.rabbitmq.Sender;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

/**
 * Everything Switchboard does with the broker, and the only class that knows reactor-rabbitmq: it is dormant,
 * so it stays replaceable behind this one class.
 *
 * <p>Publisher and consumer share one connection: an exclusive queue declared on one connection cannot be
 * consumed from another.
 *
 * <p><b>Reconnecting.</b> The connection is ours to restore, not amqp-client's: its automatic recovery
 * replays exclusive queues, bindings and consumers from its own records, and races with reactor-rabbitmq,
 * whose consumers then neither fail nor resume. Here a lost connection is thrown away whole (see
 * {@link BrokerLink}) and a new one is opened in the background, with backoff, until it succeeds. Meanwhile a
 * publish fails at once with {@link BrokerUnavailableException} (the sender is told, and sends again), and every
 * {@link #consume} Flux fails the same way, so each consumer declares what it needs on the new connection and
 * consumes again (see {@link QueueConsumer#reconsuming}); a consumer that must do more on a new connection
 * does it there, like an edge that rebinds its users and catches its devices up from the database.
 */
public final class Broker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Broker.class);

  /** How long a publish waits for the broker's confirm before the sender is told it failed. */
  public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long a publish waits for a connection that is being opened (at start, or a reconnect under way)
   * before it fails: short, because the sender can always send again and the edge holds nothing for it.
   */
  static final Duration PUBLISH_CONNECTION_WAIT = Duration.ofSeconds(1);

  /** Opening a TCP connection and the AMQP handshake, each; a broker that is away fails faster than this. */
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  /** Heartbeats let both sides notice a dead peer (a broker lets go of exclusive queues only then). */
  private static final int HEARTBEAT_SECONDS = 10;

  /** First wait before the next attempt to reconnect; doubles up to {@link #MAX_RECONNECT_DELAY}, with jitter. */
  static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(100);

  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

  private final ConnectionFactory factory;
  private final String connectionName;
  private final boolean bccFanOut;
  /**
   * Connecting, and reactor-rabbitmq's blocking calls; daemon threads, so a process never waits on them to exit.
   *
   * <p>Not a Reactor bounded-elastic scheduler: that one interrupts a task's thread when its subscriber cancels
   * (a publish whose confirm timed out, a device that gave up), and the AMQP client, interrupted while it queues
   * a frame for its socket, drops the frame and closes the connection (seen in a reconnect storm: the server's
   * whole broker connection went, and every consumer and edge binding with it). Tasks on a plain executor run to
   * the end; cancelling only stops their result from being used.
   */
  private final ThreadPoolExecutor blockingCalls = blockingCallsExecutor();
  // handed over as a plain Executor: given the ExecutorService itself, Reactor would cancel by interrupting again
  private final Scheduler scheduler = Schedulers.fromExecutor(blockingCalls::execute);
  /** The latest link; replayed to whoever waits for a connection. */
  private final Sinks.Many<BrokerLink> links = Sinks.many().replay().latest();
  private final AtomicBoolean connecting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong linkNumbers = new AtomicLong();
  private volatile BrokerLink current;

  private Broker(ConnectionFactory factory, String connectionName, boolean bccFanOut) {
    this.factory = factory;
    this.connectionName = connectionName;
    this.bccFanOut = bccFanOut;
  }

  public static Broker connect(BrokerProperties properties) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(properties.uri());
    } catch (Exception e) {
      throw new IllegalArgumentException("switchboard.broker.uri is not a valid AMQP URI", e);
    }
    factory.useNio();
    // recovery is ours (see the class comment); the client's own would race with it
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    factory.setHandshakeTimeout(CONNECT_TIMEOUT_MILLIS);
    factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
    return new Broker(factory, properties.connectionName(), properties.bccFanOut());
  }

  /** Exchanges and the router's queue; idempotent, every service declares them on start. */
  public Mono<Void> declareSharedTopology() {
    return withSender(sender -> sender
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
        .then(sender.declareExchange(
            ExchangeSpecification.exchange(Topology.PUSH_EXCHANGE).type("direct").durable(true)))
        .then());
  }

  /**
   * The push workers' queue of push events and the dead-letter queue, bound on the push exchange. Declared by
   * the push workers only: until one has started, the router's push events have nowhere to go and are dropped.
   */
  public Mono<Void> declarePushQueues() {
    return withSender(sender -> sender
        .declareQueue(QueueSpecification.queue(Topology.PUSH_EVENTS_QUEUE).durable(true))
        .then(sender.bind(BindingSpecification.binding(
            Topology.PUSH_EXCHANGE, Topology.PUSH_OFFLINE_ROUTING_KEY, Topology.PUSH_EVENTS_QUEUE)))
        .then(sender.bind(BindingSpecification.binding(
            Topology.PUSH_EXCHANGE, Topology.PUSH_READ_ROUTING_KEY, Topology.PUSH_EVENTS_QUEUE)))
        .then(sender.declareQueue(QueueSpecification.queue(Topology.PUSH_DEAD_LETTER_QUEUE).durable(true)))
        .then(sender.bind(BindingSpecification.binding(
            Topology.PUSH_EXCHANGE, Topology.PUSH_DEAD_ROUTING_KEY, Topology.PUSH_DEAD_LETTER_QUEUE)))
        .then());
  }

  /**
   * An edge's own queue: exclusive to this connection, gone when the edge is (or when the connection is: the
   * edge declares it again on the next one).
   */
  public Mono<Void> declareEdgeQueue(String queue) {
    return withSender(sender -> sender
        .declareQueue(QueueSpecification.queue(queue).durable(false).exclusive(true).autoDelete(true))
        .then());
  }

  /**
   * A service instance's own reply queue (exclusive, gone with the instance), bound to the reply exchange
   * under its own name.
   */
  public Mono<Void> declareReplyQueue(String queue) {
    return withSender(sender -> sender
        .declareQueue(QueueSpecification.queue(queue).durable(false).exclusive(true).autoDelete(true))
        .then(sender.bind(BindingSpecification.binding(Topology.REPLY_EXCHANGE, queue, queue)))
        .then());
  }

  /**
   * Bind and unbind are RPCs; a channel takes one RPC at a time, so they are spread over a few channels of their
   * own (see {@link BrokerLink#bindingOptions()}) and many users can be bound at once. Each is started off the
   * AMQP client's I/O thread: a bind chained after another completes on that thread, and starting the next RPC
   * there while a third is in flight would block the very thread that must read its reply (seen when an edge's
   * sockets all left at once on a drain: every later reply, even a consumer's cancel-ok, stuck).
   *
   * <p>There is no deadline here on purpose: cancelling a waiting RPC interrupts the thread that waits for its
   * channel, and the AMQP client answers an interrupt while it writes a frame by closing the connection. Whoever
   * must not wait long (a device connecting) puts a deadline on waiting, not on the RPC.
   */
  public Mono<Void> bind(String exchange, String routingKey, String queue) {
    return withLink(link -> link.sender()
            .bind(BindingSpecification.binding(exchange, routingKey, queue), link.bindingOptions()).then())
        .subscribeOn(scheduler);
  }

  public Mono<Void> unbind(String exchange, String routingKey, String queue) {
    return withLink(link -> link.sender()
            .unbind(BindingSpecification.binding(exchange, routingKey, queue), link.bindingOptions()).then())
        .subscribeOn(scheduler);
  }

  /** Messages ready in a durable queue, asked of the broker without declaring anything (for metrics). */
  public Mono<Integer> queueDepth(String queue) {
    return connected()
        .timeout(CONFIRM_TIMEOUT, Mono.error(() -> new BrokerUnavailableException("no broker connection")))
        .flatMap(link -> link.sender().declareQueue(QueueSpecification.queue(queue).passive(true)))
        .map(ok -> ok.getMessageCount());
  }

  /**
   * Whether a publish may name more routing keys in {@link Envelope#bcc()}: the broker connected now routes them
   * (RabbitMQ does; Qpid Broker-J ignores the header) and {@code switchboard.broker.bcc-fan-out} is on. False
   * while there is no connection: whoever asks then publishes one key at a time, which every broker routes.
   */
  public boolean routesBcc() {
    BrokerLink link = current;
    return link != null && routesBcc(link);
  }

  /** Whether a publish on this link may name more keys: the option is on and its broker routes them. */
  private boolean routesBcc(BrokerLink link) {
    return bccFanOut && link.routesBcc();
  }

  /**
   * Publishes persistent messages and completes once the broker has confirmed every one; fails with
   * {@link BrokerUnavailableException} if any is nacked, the confirm does not come in time, or there is no
   * connection (within {@link #PUBLISH_CONNECTION_WAIT}) or it is lost meanwhile, or if an envelope names
   * {@link Envelope#bcc() more keys} and the connection's broker would not route them (only after a reconnect
   * to another kind of broker: the publisher asked {@link #routesBcc()} first, and asks again when sent again).
   */
  public Mono<Void> publishConfirmed(List<Envelope> envelopes) {
    if (envelopes.isEmpty()) {
      return Mono.empty();
    }
    return Mono.deferContextual(context -> publishConfirmed(envelopes, propertiesFor(context)));
  }

  /** Persistent JSON, with the trace of the work this publish belongs to (a new span of it), if any. */
  private static AMQP.BasicProperties propertiesFor(ContextView context) {
    return TraceParent.current(context)
        .map(trace -> PERSISTENT_JSON.builder()
            .headers(Map.of(TraceParent.HEADER, trace.child().header()))
            .build())
        .orElse(PERSISTENT_JSON);
  }

  /** The shared properties, with the envelope's extra routing keys in the {@code BCC} header if it has any. */
  private static AMQP.BasicProperties withBcc(AMQP.BasicProperties properties, Envelope envelope) {
    if (envelope.bcc().isEmpty()) {
      return properties;
    }
    Map<String, Object> headers = new HashMap<>();
    if (properties.getHeaders() != null) {
      headers.putAll(properties.getHeaders());
    }
    // RabbitMQ takes the header as an array of strings and removes it before delivering
    headers.put(BCC_HEADER, envelope.bcc());
    return properties.builder().headers(headers).build();
  }

  private Mono<Void> publishConfirmed(List<Envelope> envelopes, AMQP.BasicProperties properties) {
    Flux<OutboundMessage> messages =
        Flux.fromIterable(envelopes)
            .map(envelope -> new OutboundMessage(
                envelope.exchange(), envelope.routingKey(), withBcc(properties, envelope), envelope.body()));
    boolean namesMoreKeys = envelopes.stream().anyMatch(envelope -> !envelope.bcc().isEmpty());
    return connected()
        .timeout(PUBLISH_CONNECTION_WAIT, Mono.error(() ->
            new BrokerUnavailableException("no broker connection (reconnecting)")))
        .flatMap(link -> namesMoreKeys && !routesBcc(link)
            ? Mono.error(new BrokerUnavailableException("the broker now connected does not route BCC keys"))
            : Mono.firstWithSignal(
                link.sender()
                    .sendWithPublishConfirms(messages, link.confirmedSendOptions())
                    .handle((OutboundMessageResult result, SynchronousSink<Void> sink) -> {
                      if (!result.isAck()) {
                        sink.error(new BrokerUnavailableException(
                            "broker refused a message for " + result.getOutboundMessage().getRoutingKey()));
                      }
                    })
                    .then(),
                link.<Void>lostError()))
        .timeout(CONFIRM_TIMEOUT)
        .onErrorMap(
            error -> !(error instanceof BrokerUnavailableException),
            error -> new BrokerUnavailableException("publish was not confirmed: " + error, error));
  }

  public Mono<Void> publishConfirmed(Envelope envelope) {
    return publishConfirmed(List.of(envelope));
  }

  /**
   * Consumes with manual acknowledgement; at most {@code prefetch} unacknowledged deliveries in flight. Waits
   * for a connection if there is none. Fails with {@link BrokerUnavailableException} when the connection or
   * the channel is lost: the broker then hands every unacknowledged delivery to the next consumer, and an
   * acknowledgement that comes too late is dropped quietly.
   */
  public Flux<AcknowledgableDelivery> consume(String queue, int prefetch) {
    ConsumeOptions options = new ConsumeOptions()
        .qos(prefetch)
        .exceptionHandler((context, error) ->
            log.debug("acknowledgement on a lost channel dropped (the broker redelivers): {}", error.toString()));
    // the receiver fails the Flux when the channel or the connection under it goes (BrokerLink.FailingReceiver)
    return connected().flatMapMany(link -> link.receiver().consumeManualAck(queue, options));
  }

  /** Where blocking broker calls run (for tests). */
  Scheduler blockingScheduler() {
    return scheduler;
  }

  /** Completes once a connection is open (at once if one is). */
  public Mono<Void> awaitConnection() {
    return connected().then();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    BrokerLink link = current;
    if (link != null) {
      // closing the connection returns every unacknowledged delivery to its queue at once
      link.discard();
    }
    links.tryEmitComplete();
    scheduler.dispose();
    blockingCalls.shutdown();
  }

  /** Declarations wait for a connection no longer than a publish waits for its confirm. */
  private Mono<Void> withSender(Function<Sender, Mono<Void>> operation) {
    return withLink(link -> operation.apply(link.sender()));
  }

  private Mono<Void> withLink(Function<BrokerLink, Mono<Void>> operation) {
    return connected()
        .timeout(CONFIRM_TIMEOUT, Mono.error(() -> new BrokerUnavailableException("no broker connection")))
        .flatMap(link -> Mono.firstWithSignal(operation.apply(link), link.<Void>lostError()));
  }

  /** The open link, as soon as there is one. */
  private Mono<BrokerLink> connected() {
    return Mono.defer(() -> {
      BrokerLink link = current;
      if (link != null && link.isOpen()) {
        return Mono.just(link);
      }
      if (closed.get()) {
        return Mono.error(new BrokerUnavailableException("the broker client is closed"));
      }
      startConnecting();
      return links.asFlux().filter(BrokerLink::isOpen).next()
          .switchIfEmpty(Mono.error(() -> new BrokerUnavailableException("the broker client is closed")));
    });
  }

  /** Opens a connection in the background, retrying with backoff until one opens; one attempt loop at a time. */
  private void startConnecting() {
    if (closed.get() || !connecting.compareAndSet(false, true)) {
      return;
    }
    Mono.fromCallable(() -> factory.newConnection(connectionName))
        .subscribeOn(scheduler)
        .doOnError(error -> log.warn("broker connection failed, trying again: {}", error.toString()))
        .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RECONNECT_DELAY).maxBackoff(MAX_RECONNECT_DELAY)
            .jitter(0.5).filter(error -> !closed.get()))
        .subscribe(this::opened, error -> connecting.set(false));
  }

  private void opened(Connection connection) {
    if (closed.get()) {
      connection.abort(1000);
      return;
    }
    BrokerLink link = new BrokerLink(linkNumbers.incrementAndGet(), connection, scheduler);
    current = link;
    connecting.set(false);
    // registered after `current` is set: a connection that is already gone calls it at once
    connection.addShutdownListener(reason -> lost(link, reason.isInitiatedByApplication() ? "closed" : reason.getMessage()));
    if (link.number() > 1) {
      log.info("broker connection {} open again", link.number());
    }
    links.tryEmitNext(link);
  }

  private void lost(BrokerLink link, String reason) {
    link.discard();
    if (closed.get()) {
      return;
    }
    log.warn("broker connection {} lost ({}); reconnecting", link.number(), reason);
    if (current == link) {
      startConnecting();
    }
  }

  /** Up to Reactor's default bounded-elastic size (10 per core), idle threads let go after 60 s. */
  private static ThreadPoolExecutor blockingCallsExecutor() {
    AtomicInteger numbers = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
        Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "switchboard-broker-" + numbers.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** RabbitMQ's sender-selected distribution: more routing keys for one publish, removed before delivery. */
  static final String BCC_HEADER = "BCC";

  private static final AMQP.BasicProperties PERSISTENT_JSON =
      MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();
}
