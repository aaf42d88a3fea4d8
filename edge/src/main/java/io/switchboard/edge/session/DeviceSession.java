package io.switchboard.edge.session;

import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.frame.ServerFrame;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One connected device: who it is, and two bounded inboxes feeding its socket. Live deliveries wait in a
 * bounded buffer while the device catches up or while its socket is slow; if the buffer fills, the socket is
 * closed (the device reconnects and catches up from its cursor) rather than letting one slow device hold
 * memory or stall the edge's queue for everyone else.
 */
public final class DeviceSession {

  private final String userId;
  private final String deviceId;
  private final Sinks.Many<LiveEvent> live;
  private final Sinks.Many<ServerFrame> replies;
  // one sink for every reason the server ends the socket, not one each: at 15,000 idle sockets each
  // subscription to a sink is memory every device pays for (docs/performance.md, eighth pass)
  private final Sinks.One<Ending> ending = Sinks.one();
  private final AtomicBoolean ended = new AtomicBoolean();

  /** Why the server ends a device's socket; the first reason given is the one the device is told. */
  public enum Ending {
    /** It fell too far behind: more live deliveries or replies waiting than its buffers hold. */
    SLOW_CONSUMER,
    /** The account signed this device out. */
    SIGNED_OUT,
    /** This edge is draining; the device reconnects elsewhere. */
    DRAINING,
    /** It kept sending past its rate limit despite the refusals. */
    RATE_LIMITED
  }

  public DeviceSession(String userId, String deviceId, int bufferSize) {
    this.userId = userId;
    this.deviceId = deviceId;
    // bounded, but taking memory only as they fill: an idle socket's buffers are empty (see GrowingBoundedQueue)
    this.live = Sinks.many().unicast().onBackpressureBuffer(new GrowingBoundedQueue<>(bufferSize));
    this.replies = Sinks.many().unicast().onBackpressureBuffer(new GrowingBoundedQueue<>(bufferSize));
  }

  public String userId() {
    return userId;
  }

  public String deviceId() {
    return deviceId;
  }

  /** Called from the edge's queue consumer; never blocks. */
  public void offer(UserDelivery delivery) {
    emitLive(new LiveEvent.Delivered(delivery));
  }

  /**
   * Live deliveries for this device may have been lost (the edge's queue went with its broker connection and
   * is bound again): catch up from the database, after whatever is already buffered. Never blocks.
   */
  public void catchUp() {
    emitLive(new LiveEvent.CatchUp());
  }

  /** Synchronized: deliveries come from the queue consumer, catch-up orders from the broker's reconnect. */
  private synchronized void emitLive(LiveEvent event) {
    if (ended.get()) {
      return;
    }
    Sinks.EmitResult result = live.tryEmitNext(event);
    if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
      ending.tryEmitValue(Ending.SLOW_CONSUMER);
    }
  }

  /**
   * A direct answer to something the device sent (error, pong, presence); never blocks. Synchronized: answers
   * come from the socket's thread and from Redis's (presence), and the sink takes one emitter at a time.
   */
  public synchronized void reply(ServerFrame frame) {
    if (ended.get()) {
      return;
    }
    if (replies.tryEmitNext(frame) == Sinks.EmitResult.FAIL_OVERFLOW) {
      ending.tryEmitValue(Ending.SLOW_CONSUMER);
    }
  }

  Flux<LiveEvent> liveEvents() {
    return live.asFlux();
  }

  public Flux<ServerFrame> replies() {
    return replies.asFlux();
  }

  /** Emits once, with the first reason, if the server is to end this socket; never completes otherwise. */
  public Mono<Ending> ending() {
    return ending.asMono();
  }

  /** The account signed this device out; its socket is to be closed. */
  void signOut() {
    ending.tryEmitValue(Ending.SIGNED_OUT);
  }

  /** This edge is draining: the socket is to be closed so the device reconnects elsewhere. */
  void drain() {
    ending.tryEmitValue(Ending.DRAINING);
  }

  /** The device kept sending past its rate limit despite the refusals: its socket is to be closed. */
  public void abusive() {
    ending.tryEmitValue(Ending.RATE_LIMITED);
  }

  public void end() {
    if (ended.compareAndSet(false, true)) {
      live.tryEmitComplete();
      replies.tryEmitComplete();
    }
  }
}
