package io.switchboard.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.rabbitmq.ChannelPool;
import reactor.rabbitmq.ChannelPoolFactory;
import reactor.rabbitmq.ChannelPoolOptions;
import reactor.rabbitmq.Receiver;
import reactor.rabbitmq.ReceiverOptions;
import reactor.rabbitmq.ResourceManagementOptions;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;
import reactor.rabbitmq.SenderOptions;

/**
 * One broker connection and the reactor-rabbitmq objects built on it. A link is never repaired: when its
 * connection is lost, {@link Broker} throws it away and builds a new one on a new connection, so nothing
 * (a cached channel, a pooled channel, a consumer) can outlive the connection it belongs to.
 */
final class BrokerLink {

  private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);

  /** Channels kept open for publishing; a publish borrows one instead of opening its own. */
  private static final int PUBLISH_CHANNEL_POOL_SIZE = 8;

  /**
   * Channels for binding and unbinding, taken in turn: a channel answers one RPC at a time, and an edge binds a
   * user for every first device (hundreds a second when clients come back at once).
   */
  private static final int BINDING_CHANNELS = 4;

  private final long number;
  private final Connection connection;
  private final Sender sender;
  private final Receiver receiver;
  private final ChannelPool publishChannels;
  private final SendOptions confirmedSendOptions;
  private final List<ResourceManagementOptions> bindingChannels;
  private final AtomicInteger nextBindingChannel = new AtomicInteger();
  private final Sinks.Empty<Void> lost = Sinks.empty();
  private final AtomicBoolean discarded = new AtomicBoolean();
  private final boolean routesBcc;

  BrokerLink(long number, Connection connection, Scheduler scheduler) {
    this.number = number;
    this.connection = connection;
    this.routesBcc = isRabbitMq(connection);
    Mono<Connection> fixed = Mono.just(connection);
    this.sender = new Sender(new SenderOptions().connectionMono(fixed)
        .connectionSubscriptionScheduler(scheduler).resourceManagementScheduler(scheduler));
    this.receiver = new FailingReceiver(new ReceiverOptions().connectionMono(fixed)
        .connectionSubscriptionScheduler(scheduler));
    this.publishChannels = ChannelPoolFactory.createChannelPool(fixed,
        new ChannelPoolOptions().maxCacheSize(PUBLISH_CHANNEL_POOL_SIZE).subscriptionScheduler(scheduler));
    this.confirmedSendOptions = new SendOptions().channelPool(publishChannels);
    // each opened on first use and kept while open; they close with the connection, or alone when the broker
    // refuses an RPC on one (binding a queue that is gone is a channel error): then the next use opens another
    this.bindingChannels = IntStream.range(0, BINDING_CHANNELS)
        .mapToObj(i -> new ResourceManagementOptions().channelMono(Mono.fromCallable(() ->
                Objects.requireNonNull(connection.createChannel(), "no channel left on the connection"))
            .subscribeOn(scheduler)
            .cacheInvalidateIf(channel -> !channel.isOpen())))
        .toList();
  }

  /** 1 for the process's first connection, then 2, 3, … after each reconnect. */
  long number() {
    return number;
  }

  /**
   * Whether the broker routes a publish to the extra routing keys in its {@code BCC} header (RabbitMQ's
   * sender-selected distribution). Qpid Broker-J ignores the header, so there a publish reaches only its own key.
   */
  boolean routesBcc() {
    return routesBcc;
  }

  private static boolean isRabbitMq(Connection connection) {
    Object product = connection.getServerProperties().get("product");
    return product != null && "RabbitMQ".equals(product.toString());
  }

  boolean isOpen() {
    return !discarded.get() && connection.isOpen();
  }

  Sender sender() {
    return sender;
  }

  Receiver receiver() {
    return receiver;
  }

  SendOptions confirmedSendOptions() {
    return confirmedSendOptions;
  }

  /** One of the binding channels, in turn. */
  ResourceManagementOptions bindingOptions() {
    return bindingChannels.get(Math.floorMod(nextBindingChannel.getAndIncrement(), BINDING_CHANNELS));
  }

  /** Errors with {@link BrokerUnavailableException} once this link's connection is gone; never completes before. */
  <T> Mono<T> lostError() {
    return lost.asMono().then(Mono.error(() -> new BrokerUnavailableException("the broker connection was lost")));
  }

  void markLost() {
    lost.tryEmitEmpty();
  }

  /** Lets go of everything built on the connection, and the connection itself if it is still open. */
  void discard() {
    if (!discarded.compareAndSet(false, true)) {
      return;
    }
    markLost();
    quietly(publishChannels::close);
    quietly(sender::close);
    if (connection.isOpen()) {
      quietly(() -> connection.abort(1000));
    }
  }

  private static void quietly(Runnable closing) {
    try {
      closing.run();
    } catch (RuntimeException alreadyGone) {
      log.debug("closing part of a lost broker link: {}", alreadyGone.toString());
    }
  }

  /**
   * reactor-rabbitmq completes a consumer's Flux when its channel shuts down without automatic recovery, so a
   * consumer cannot tell "the broker went away" from "done". Here a shutdown the application did not ask for
   * is an error, which the consumer's retry loop answers by consuming again on the next connection.
   */
  private static final class FailingReceiver extends Receiver {

    FailingReceiver(ReceiverOptions options) {
      super(options);
    }

    @Override
    protected void completeOnChannelShutdown(Channel channel, FluxSink<?> emitter) {
      channel.addShutdownListener((ShutdownSignalException reason) -> {
        if (reason.isInitiatedByApplication()) {
          emitter.complete();
        } else {
          emitter.error(new BrokerUnavailableException("consumer channel closed: " + reason.getMessage(), reason));
        }
      });
    }
  }
}
