package io.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.bench.measure.DeliveryLedger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark's loss count is per message: a delivery that trails its "accepted" is not a loss. */
class DeliveryLedgerTest {

  @Test
  void aDeliveryArrivingAfterTheStepEndedCountsForItsMessageAndOnlyAMessageNeverDeliveredIsLost() {
    DeliveryLedger ledger = new DeliveryLedger();
    long now = System.nanoTime();
    ledger.sent();
    ledger.accepted("m1", 1);
    ledger.sent();
    ledger.delivered("m2", now, now); // overtook its own "accepted"
    ledger.accepted("m2", 1);
    ledger.sent();
    ledger.accepted("m3", 2);
    ledger.delivered("m3", now, now);

    ledger.closeAcceptance();
    ledger.accepted("m4", 1); // the server took it after the step: belongs to no step
    ledger.delivered("m1", now, now);
    ledger.awaitDue(Duration.ofMillis(50));

    DeliveryLedger.Counts counts = ledger.counts();
    assertThat(counts.accepted()).isEqualTo(3);
    assertThat(counts.expected()).isEqualTo(4);
    assertThat(counts.delivered()).isEqualTo(3);
    assertThat(counts.lost()).as("m3's second device never got it").isEqualTo(1);
  }

  @Test
  void waitingForDeliveriesOutlastsAnAcceptanceThatTrailsItsFirstDelivery() {
    DeliveryLedger ledger = new DeliveryLedger();
    long now = System.nanoTime();
    ledger.sent("client-1");
    ledger.delivered("m1", now, now); // a device got it; the sender, reconnecting, has not heard "accepted" yet
    ledger.seen("client-1");
    // well inside the ledger's quiet second, on a thread of its own so a busy shared pool cannot delay it past that
    Thread later = new Thread(() -> {
      pause(Duration.ofMillis(200));
      ledger.answered("client-1");
      ledger.accepted("m1", 2);
      pause(Duration.ofMillis(100));
      ledger.delivered("m1", now, now);
    });
    later.start();

    ledger.awaitDue(Duration.ofSeconds(10));

    assertThat(later.isAlive()).as("the wait outlasted the late acceptance and its second delivery").isFalse();
    DeliveryLedger.Counts counts = ledger.counts();
    assertThat(counts.accepted()).isEqualTo(1);
    assertThat(counts.delivered()).isEqualTo(2);
    assertThat(counts.lost()).isZero();
    assertThat(ledger.unanswered()).isEmpty();
  }

  @Test
  void aSendNeverAnsweredIsReportedWithWhetherADeviceGotIt() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.sent("answered");
    ledger.sent("stored-but-unanswered");
    ledger.sent("never-arrived");
    ledger.answered("answered");
    ledger.seen("stored-but-unanswered");

    assertThat(ledger.unanswered())
        .extracting(DeliveryLedger.Unanswered::delivered)
        .containsExactlyInAnyOrder(true, false);
    assertThat(ledger.counts().sent()).isEqualTo(3);
  }

  @Test
  void aLateAnswerIsWaitedFor() {
    DeliveryLedger ledger = new DeliveryLedger();
    long before = System.nanoTime();
    ledger.sent("late");
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> ledger.answered("late"));

    assertThat(ledger.awaitAnswered(before, Duration.ofSeconds(10), ignored -> {})).isZero();
    assertThat(ledger.unanswered()).isEmpty();
  }

  @Test
  void sendsFromBeforeTheGivenMomentAreNotWaitedFor() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.sent("cut off by the drop");
    long after = System.nanoTime();

    long started = System.nanoTime();
    assertThat(ledger.awaitAnswered(after, Duration.ofSeconds(10), ignored -> {})).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(ledger.unanswered()).hasSize(1);
  }

  @Test
  void anAnswerThatNeverComesIsCountedOnceTheGraceIsOver() {
    DeliveryLedger ledger = new DeliveryLedger();
    long before = System.nanoTime();
    ledger.sent("never");

    assertThat(ledger.awaitAnswered(before, Duration.ofMillis(200), ignored -> {})).isEqualTo(1);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
