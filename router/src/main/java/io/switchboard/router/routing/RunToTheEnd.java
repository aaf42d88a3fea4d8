package io.switchboard.router.routing;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Work that numbers a message must not stop half-way. Taking a sequence number and storing the message under
 * it are two writes; a cancel between them (the router's broker connection dropping cancels whatever its lanes
 * were doing) would leave the number taken and never used, a hole every device skips for good, and the
 * broker's redelivery of the command would then store the message under the next number. So the work, once
 * subscribed, runs to its end whoever stops waiting for it; only the wait is cancelled. The redelivered command
 * finds the message stored and is answered as a resend.
 */
public final class RunToTheEnd {

  private RunToTheEnd() {}

  /**
   * @param work made and subscribed at each subscription to the result; it sees none of the subscriber's
   *     context (nothing in the database path reads it)
   */
  public static <T> Mono<T> of(Supplier<Mono<T>> work) {
    return Mono.defer(() -> Mono.fromFuture(work.get().toFuture(), true));
  }
}
