package io.switchboard.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  @Test
  void aLateAnswerIsWaitedFor() {
    DeliveryLedger ledger = new DeliveryLedger();
    long before = System.nanoTime();
    ledger.sent("late");
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> ledger.answered("late"));

    assertThat(ledger.awaitAnswered(before, Duration.ofSeconds(10))).isZero();
    assertThat(ledger.unanswered()).isEmpty();
  }

  @Test
  void sendsFromBeforeTheGivenMomentAreNotWaitedFor() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.sent("cut off by the drop");
    long after = System.nanoTime();

    long started = System.nanoTime();
    assertThat(ledger.awaitAnswered(after, Duration.ofSeconds(10))).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(ledger.unanswered()).hasSize(1);
  }

  @Test
  void anAnswerThatNeverComesIsCountedOnceTheGraceIsOver() {
    DeliveryLedger ledger = new DeliveryLedger();
    long before = System.nanoTime();
    ledger.sent("never");

    assertThat(ledger.awaitAnswered(before, Duration.ofMillis(200))).isEqualTo(1);
  }
}
