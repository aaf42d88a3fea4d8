package io.switchboard.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** Frames are taken off the connection a bounded distance ahead of their handling, and none taken is lost. */
class ReceivedFramesTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final TestPublisher<String> connection = TestPublisher.createCold();
  private final ReceivedFrames<String> received = new ReceivedFrames<>(3);

  @Test
  void noMoreThanTheLookaheadIsTakenBeforeAnyIsHandled() {
    connection.flux().subscribe(received);

    connection.assertMinRequested(3).assertMaxRequested(3);
  }

  @Test
  void handledFramesLetMoreBeTakenAQuarterOfTheLookaheadAtATime() {
    ReceivedFrames<String> eightAhead = new ReceivedFrames<>(8);
    connection.flux().subscribe(eightAhead);
    connection.next("1", "2", "3", "4", "5", "6", "7", "8");

    eightAhead.handledOne();
    connection.assertMaxRequested(0);
    eightAhead.handledOne();

    connection.assertMinRequested(2).assertMaxRequested(2);
  }

  @Test
  void framesTakenBeforeTheConnectionEndedAreAllStillHandedOnInOrder() {
    connection.flux().subscribe(received);
    connection.next("ack 1", "ack 2", "ack 3");
    connection.complete();

    StepVerifier.create(received.frames())
        .expectNext("ack 1", "ack 2", "ack 3")
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void aConnectionThatFailedStillHandsOnWhatWasTakenThenTheFailure() {
    connection.flux().subscribe(received);
    connection.next("ack 1");
    connection.error(new IllegalStateException("connection reset"));

    StepVerifier.create(received.frames())
        .expectNext("ack 1")
        .expectErrorMessage("connection reset")
        .verify(WAIT);
  }
}
