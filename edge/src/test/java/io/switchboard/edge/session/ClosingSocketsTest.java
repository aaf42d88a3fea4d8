package io.switchboard.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A device's next socket waits for what its ended socket still handles, and for nothing else. */
class ClosingSocketsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ClosingSockets closing = new ClosingSockets();

  @Test
  void aDeviceWithNoEndedSocketWaitsForNothing() {
    StepVerifier.create(closing.handled("a1")).expectComplete().verify(WAIT);
  }

  @Test
  void theNextSocketWaitsUntilTheEndedOneHasHandledItsFrames() {
    CompletableFuture<Void> stillHandling = new CompletableFuture<>();
    closing.ended("a1", stillHandling);

    StepVerifier.create(closing.handled("a1"))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(200))
        .then(() -> stillHandling.complete(null))
        .expectComplete()
        .verify(WAIT);
    assertThat(closing.closing()).as("sockets remembered once handled").isZero();
  }

  @Test
  void anotherDevicesEndedSocketHoldsNobodyUp() {
    closing.ended("a1", new CompletableFuture<>());

    StepVerifier.create(closing.handled("a2")).expectComplete().verify(WAIT);
  }

  @Test
  void handlingThatFailedStillLetsTheNextSocketOn() {
    CompletableFuture<Void> failing = new CompletableFuture<>();
    closing.ended("a1", failing);
    failing.completeExceptionally(new IllegalStateException("connection reset"));

    StepVerifier.create(closing.handled("a1")).expectComplete().verify(WAIT);
  }

  @Test
  void handlingThatNeverEndsHoldsTheNextSocketOnlySoLong() {
    closing.ended("a1", new CompletableFuture<>());

    StepVerifier.withVirtualTime(() -> closing.handled("a1"))
        .expectSubscription()
        .expectNoEvent(ClosingSockets.LONGEST_WAIT.minusMillis(1))
        .thenAwait(Duration.ofMillis(1))
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void aSocketAlreadyDoneIsNotRemembered() {
    closing.ended("a1", CompletableFuture.completedFuture(null));

    assertThat(closing.closing()).isZero();
  }

  @Test
  void theNewSocketEndingFirstDoesNotCancelTheOldOnesHandling() {
    CompletableFuture<Void> stillHandling = new CompletableFuture<>();
    closing.ended("a1", stillHandling);

    StepVerifier.create(closing.handled("a1")).thenCancel().verify(WAIT);
    assertThat(stillHandling).isNotCancelled().isNotDone();
  }
}
