package io.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.bench.measure.DeliveryLedger;
import java.time.Duration;
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
}
