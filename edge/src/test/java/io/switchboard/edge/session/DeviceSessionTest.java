package io.switchboard.edge.session;

import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.frame.PongFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

/** Why the server ends a device's socket: one reason, the first given, and none while nothing calls for it. */
class DeviceSessionTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final DeviceSession session = new DeviceSession("alice", "a1", 2);

  @Test
  void aFullLiveBufferEndsTheSocketAsASlowConsumer() {
    session.liveEvents().subscribe(new TakingNothing<>());
    for (int seq = 1; seq <= 3; seq++) {
      session.offer(new ReceiptDelivery("alice", "g-1", "bob", ReceiptKind.DELIVERED, seq));
    }

    StepVerifier.create(session.ending()).expectNext(DeviceSession.Ending.SLOW_CONSUMER).expectComplete().verify(WAIT);
  }

  @Test
  void tooManyRepliesWaitingEndItAsASlowConsumerToo() {
    session.replies().subscribe(new TakingNothing<>());
    for (int i = 0; i < 3; i++) {
      session.reply(new PongFrame("n" + i));
    }

    StepVerifier.create(session.ending()).expectNext(DeviceSession.Ending.SLOW_CONSUMER).expectComplete().verify(WAIT);
  }

  @Test
  void theFirstReasonGivenIsTheOneKept() {
    session.drain();
    session.signOut();
    session.abusive();

    StepVerifier.create(session.ending()).expectNext(DeviceSession.Ending.DRAINING).expectComplete().verify(WAIT);
  }

  @Test
  void aSessionWithinItsBuffersIsNotEnded() {
    session.offer(new ReceiptDelivery("alice", "g-1", "bob", ReceiptKind.DELIVERED, 1));

    StepVerifier.create(session.ending()).expectSubscription().expectNoEvent(Duration.ofMillis(100)).thenCancel().verify(WAIT);
  }

  /** A socket that stopped reading: subscribed, but asking for nothing, so everything waits in the buffer. */
  private static final class TakingNothing<T> extends BaseSubscriber<T> {
    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      // no request
    }
  }
}
