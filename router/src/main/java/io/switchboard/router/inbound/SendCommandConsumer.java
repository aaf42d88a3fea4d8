package io.switchboard.router.inbound;

import io.switchboard.broker.Broker;
import io.switchboard.broker.QueueConsumer;
import io.switchboard.broker.tracing.TraceParent;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.router.RouterProperties;
import io.switchboard.router.fanout.DeliveryPublisher;
import io.switchboard.router.membership.MembershipApplier;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.routing.MessageRouter;
import io.switchboard.router.routing.RoutingOutcome;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.util.context.Context;

/**
 * Consumes the router queue: sends from edges and group membership changes from the accounts service. A
 * command is acknowledged to the broker only after its message (or membership event) is stored and its
 * deliveries are confirmed, so a router that stops at any point leaves unfinished work in the queue for the
 * next one; the stored-message check (and, for membership, the group's record of applied commands) makes the
 * repeat harmless.
 *
 * <p>Commands are spread over lanes by conversation ({@link CommandLanes}): one conversation's commands — its
 * messages and its membership changes alike — are stored and delivered in arrival order, lanes run in parallel. A
 * message's announcement to search and the push workers runs alongside the next messages; the command is
 * acknowledged when that is confirmed too. A failure (database or broker away) is retried in place with backoff
 * rather than requeued, so the lane keeps its order and nothing is skipped.
 */
@Component
class SendCommandConsumer extends QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(SendCommandConsumer.class);


  private final Broker broker;
  private final BrokerCodec codec;
  private final MessageRouter router;
  private final MembershipApplier memberships;
  private final DeliveryPublisher publisher;
  private final RouterProperties properties;
  private final RouterMetrics metrics;

  SendCommandConsumer(
      Broker broker,
      BrokerCodec codec,
      MessageRouter router,
      MembershipApplier memberships,
      DeliveryPublisher publisher,
      RouterProperties properties,
      RouterMetrics metrics) {
    this.broker = broker;
    this.codec = codec;
    this.router = router;
    this.memberships = memberships;
    this.publisher = publisher;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Override
  protected Disposable consume() {
    broker.declareSharedTopology().block(Broker.CONFIRM_TIMEOUT);
    int lanes = properties.partitions();
    // a lost connection ends the run, cancelling the lanes' work; the broker hands the unacknowledged
    // commands to the next run, and the stored-message check makes the repeat harmless
    Disposable consumption = reconsuming(broker, Topology.ROUTER_QUEUE, () -> broker.declareSharedTopology()
            .thenMany(broker.consume(Topology.ROUTER_QUEUE, properties.prefetch()))
            .map(this::decode)
            .transform(received -> CommandLanes.run(
                received, command -> command.lane(lanes), lanes, properties.prefetch(), this::handle))
            .doOnNext(done -> done.delivery().ack()))
        .subscribe(
            ignored -> {},
            error -> log.error("router stopped consuming {}", Topology.ROUTER_QUEUE, error));
    log.info("router consuming {} with {} lanes", Topology.ROUTER_QUEUE, lanes);
    return consumption;
  }

  /** The routing key says which kind of command the body is; sends are the default. */
  private ReceivedCommand decode(AcknowledgableDelivery delivery) {
    boolean membership = Topology.MEMBERSHIP_ROUTING_KEY.equals(delivery.getEnvelope().getRoutingKey());
    try {
      return membership
          ? new ReceivedCommand(delivery, null, codec.decodeMembershipCommand(delivery.getBody()))
          : new ReceivedCommand(delivery, codec.decodeSendCommand(delivery.getBody()), null);
    } catch (RuntimeException undecodable) {
      log.error("undecodable {} command ({} bytes)", membership ? "membership" : "send",
          delivery.getBody().length, undecodable);
      return new ReceivedCommand(delivery, null, null);
    }
  }

  /**
   * Stores and delivers a command (retried in place until done), then emits what follows it: the announcement,
   * retried in place too. Neither part acknowledges; {@link CommandLanes} hands the command back when both are done.
   */
  private Mono<Mono<Void>> handle(ReceivedCommand received) {
    if (received.send() == null && received.membership() == null) {
      // nobody to answer and nothing to store: keeping it would block the queue forever
      return Mono.empty();
    }
    // every publish made for this command carries the command's trace (see TraceParent)
    Optional<TraceParent> trace = TraceParent.fromHeaders(received.delivery().getProperties().getHeaders());
    Function<Context, Context> traced =
        context -> trace.map(known -> context.put(TraceParent.class, known)).orElse(context);
    return retriedInPlace(Mono.defer(() -> storeAndDeliver(received, trace)), traced, received.describe())
        .map(announcement -> retriedInPlace(announcement, traced, "announcing after " + received.describe()));
  }

  /** Tried again with backoff until it is done, the command's trace on its publishes; each failure is logged. */
  private static <T> Mono<T> retriedInPlace(Mono<T> part, Function<Context, Context> traced, String what) {
    return part
        .contextWrite(traced)
        .doOnError(error -> log.warn("{} failed, retrying: {}", what, error.toString()))
        .retryWhen(retryForever());
  }

  /** Emits the command's announcement (to be subscribed once this is done), or nothing for a membership change. */
  private Mono<Mono<Void>> storeAndDeliver(ReceivedCommand received, Optional<TraceParent> trace) {
    SendCommand send = received.send();
    if (send != null) {
      Instant laneStartedAt = Instant.now();
      return router.route(send).flatMap(outcome -> {
        long publishStarted = System.nanoTime();
        return publisher.deliver(send, outcome)
            .then(Mono.fromCallable(() -> {
              metrics.routed(send, outcome, laneStartedAt, System.nanoTime() - publishStarted);
              logRouted(send, outcome, trace);
              return announcement(outcome);
            }));
      });
    }
    MembershipCommand change = received.membership();
    return memberships.apply(change)
        .flatMap(result -> publisher.publish(change, result))
        .then(Mono.<Mono<Void>>empty());
  }

  private Mono<Void> announcement(RoutingOutcome outcome) {
    return Mono.defer(() -> {
      long started = System.nanoTime();
      return publisher.announce(outcome)
          .doOnSuccess(done -> metrics.announced(outcome, System.nanoTime() - started));
    });
  }

  /**
   * One line per finished send at debug level, with the message's ids as key-value pairs: with structured
   * logging on (logging.structured.format.console=ecs) they become fields to follow one message across services.
   */
  private static void logRouted(SendCommand send, RoutingOutcome outcome, Optional<TraceParent> trace) {
    if (!log.isDebugEnabled()) {
      return;
    }
    var event = log.atDebug()
        .addKeyValue("clientMessageId", send.clientMessageId())
        .addKeyValue("senderId", send.senderId())
        .addKeyValue("senderDeviceId", send.senderDeviceId())
        .addKeyValue("traceId", trace.map(TraceParent::traceId).orElse(null));
    if (outcome instanceof RoutingOutcome.Routed routed) {
      event.addKeyValue("messageId", routed.message().messageId())
          .addKeyValue("conversationId", routed.message().conversationId())
          .addKeyValue("seq", routed.message().seq())
          .log(routed.duplicate() ? "resend of a stored message answered again" : "message stored and fanned out");
    } else {
      event.addKeyValue("refusal", ((RoutingOutcome.Rejected) outcome).code().wireName()).log("send refused");
    }
  }

  /** A delivery and its decoded command: a send or a membership change (neither when it could not be decoded). */
  private record ReceivedCommand(AcknowledgableDelivery delivery, SendCommand send, MembershipCommand membership) {

    /** Same conversation, same lane: keeps one conversation's sends and membership changes in order. */
    int lane(int lanes) {
      String key;
      if (membership != null) {
        key = membership.conversationId();
      } else if (send == null) {
        return 0;
      } else {
        key = send.recipientId() != null && !send.recipientId().equals(send.senderId())
            ? ConversationIds.direct(send.senderId(), send.recipientId())
            : String.valueOf(send.conversationId());
      }
      return Math.floorMod(key.hashCode(), lanes);
    }

    String describe() {
      return send != null
          ? "routing " + send.clientMessageId() + " from " + send.senderId()
          : "membership change " + membership.commandId() + " in " + membership.conversationId();
    }
  }
}
