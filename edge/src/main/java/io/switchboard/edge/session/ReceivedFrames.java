package io.switchboard.edge.session;

import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Frames taken off a device's connection ahead of their handling, at most {@code lookahead} at a time; past
 * that the connection is not read, and TCP holds the device back.
 *
 * <p>Why the handling does not simply pull from the connection: Reactor Netty answers the device's close frame
 * the moment it reads it, and throws away every frame it read before that one but had not yet been asked for.
 * A device's last acks went that way, and the messages they acknowledged came again on its next socket. Frames
 * taken here are kept, and handled after the connection has gone.
 */
public final class ReceivedFrames<T> extends BaseSubscriber<T> {

  private final int lookahead;
  /** Frames asked for at a time once handled: asking is a task on the connection's event loop, so not one each. */
  private final int askFor;
  // grows only as frames wait: an idle socket's queue is one small chunk
  private final Sinks.Many<T> taken;
  /** Handled since frames were last asked for; one frame is handled at a time, each after the one before. */
  private int handledSinceAsked;

  public ReceivedFrames(int lookahead) {
    this.lookahead = lookahead;
    this.askFor = Math.max(1, lookahead / 4);
    // unsafe (no serializing wrapper, memory every socket pays): one connection's signals come one at a time
    this.taken = Sinks.unsafe().many().unicast().onBackpressureBuffer(new GrowingBoundedQueue<>(lookahead));
  }

  /** Every frame taken, in the order the device sent them; completes when the connection has ended. */
  public Flux<T> frames() {
    return taken.asFlux();
  }

  /**
   * One frame has been handled, so one more may be taken off the connection. Asked for a quarter of the
   * lookahead at a time, so at any moment at least three quarters of it may be taken ahead.
   */
  public void handledOne() {
    if (++handledSinceAsked == askFor) {
      handledSinceAsked = 0;
      request(askFor);
    }
  }

  @Override
  protected void hookOnSubscribe(Subscription subscription) {
    subscription.request(lookahead);
  }

  @Override
  protected void hookOnNext(T frame) {
    // never more are taken than asked for, so the queue always has room
    taken.tryEmitNext(frame);
  }

  @Override
  protected void hookOnComplete() {
    taken.tryEmitComplete();
  }

  @Override
  protected void hookOnError(Throwable error) {
    taken.tryEmitError(error);
  }
}
