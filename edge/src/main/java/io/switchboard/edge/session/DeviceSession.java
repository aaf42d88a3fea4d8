package io.switchboard.edge.session;

import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.frame.ServerFrame;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
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
  private final Sinks.One<String> overflow = Sinks.one();
  private final Sinks.Empty<Void> signedOut = Sinks.empty();
  private final Sinks.Empty<Void> drained = Sinks.empty();
  private final Sinks.Empty<Void> abusive = Sinks.empty();
  private final AtomicBoolean ended = new AtomicBoolean();

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
      overflow.tryEmitValue("slow consumer: more than the buffered live messages are waiting");
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
      overflow.tryEmitValue("slow consumer: too many replies waiting");
    }
  }

  Flux<LiveEvent> liveEvents() {
    return live.asFlux();
  }

  public Flux<ServerFrame> replies() {
    return replies.asFlux();
  }

  /** Emits once, with the reason, if this session fell too far behind. */
  public reactor.core.publisher.Mono<String> overflowed() {
    return overflow.asMono();
  }

  /** The account signed this device out; its socket is to be closed. */
  void signOut() {
    signedOut.tryEmitEmpty();
  }

  /** Completes if this device is signed out while connected. */
  public reactor.core.publisher.Mono<Void> signedOut() {
    return signedOut.asMono();
  }

  /** This edge is draining: the socket is to be closed so the device reconnects elsewhere. */
  void drain() {
    drained.tryEmitEmpty();
  }

  /** Completes if the edge drains while this device is connected. */
  public reactor.core.publisher.Mono<Void> drained() {
    return drained.asMono();
  }

  /** The device kept sending past its rate limit despite the refusals: its socket is to be closed. */
  public void abusive() {
    abusive.tryEmitEmpty();
  }

  /** Completes if this device is found flooding the edge. */
  public reactor.core.publisher.Mono<Void> closedForAbuse() {
    return abusive.asMono();
  }

  public void end() {
    if (ended.compareAndSet(false, true)) {
      live.tryEmitComplete();
      replies.tryEmitComplete();
    }
  }
}
