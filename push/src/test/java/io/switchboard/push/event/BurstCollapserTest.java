package io.switchboard.push.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.broker.ConversationRead;
import io.switchboard.protocol.broker.OfflineMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Bursts on the real clock, with windows short enough for a unit test. */
class BurstCollapserTest {

  private final List<Burst> ready = new CopyOnWriteArrayList<>();

  @Test
  void aBurstWithShortGapsBecomesOneNotificationCountingEveryMessage() throws InterruptedException {
    BurstCollapser collapser = new BurstCollapser(Duration.ofMillis(200), Duration.ofSeconds(5), ready::add);
    for (int seq = 1; seq <= 20; seq++) {
      collapser.add("bob", message("c1", seq), null);
      Thread.sleep(10);
    }
    assertThat(ready).as("still open while messages keep coming").isEmpty();
    Thread.sleep(600);
    assertThat(ready).hasSize(1);
    assertThat(ready.get(0).messageCount).isEqualTo(20);
    assertThat(ready.get(0).latest.seq()).isEqualTo(20);
    assertThat(ready.get(0).deliveries).hasSize(20);
  }

  @Test
  void aConversationThatNeverPausesStillNotifiesAfterTheMaximumDelay() throws InterruptedException {
    BurstCollapser collapser = new BurstCollapser(Duration.ofMillis(200), Duration.ofMillis(300), ready::add);
    long start = System.nanoTime();
    int seq = 0;
    while (System.nanoTime() - start < Duration.ofMillis(1000).toNanos()) {
      collapser.add("bob", message("c1", ++seq), null);
      Thread.sleep(50);
    }
    Thread.sleep(500);
    assertThat(ready.size()).as("one per 300 ms at least, not one at the end").isGreaterThanOrEqualTo(3);
    assertThat(ready.stream().mapToInt(burst -> burst.messageCount).sum()).isEqualTo(seq);
  }

  @Test
  void conversationsAndUsersCollapseApartAndARepeatIsNotCounted() throws InterruptedException {
    BurstCollapser collapser = new BurstCollapser(Duration.ofMillis(100), Duration.ofSeconds(5), ready::add);
    collapser.add("bob", message("c1", 1), null);
    collapser.add("bob", message("c1", 1), null);
    collapser.add("bob", message("c2", 1), null);
    collapser.add("ann", message("c1", 1), null);
    Thread.sleep(500);
    assertThat(ready).hasSize(3);
    assertThat(ready).allSatisfy(burst -> assertThat(burst.messageCount).isEqualTo(1));
  }

  @Test
  void aReadCoveringTheBurstTakesItUnnotifiedAndAnEarlierReadLeavesIt() throws InterruptedException {
    BurstCollapser collapser = new BurstCollapser(Duration.ofMillis(200), Duration.ofSeconds(5), ready::add);
    collapser.add("bob", message("c1", 1), null);
    collapser.add("bob", message("c1", 2), null);
    assertThat(collapser.takeCoveredBy(new ConversationRead("bob", "c1", 1))).isEmpty();
    assertThat(collapser.takeCoveredBy(new ConversationRead("bob", "c1", 2))).hasValueSatisfying(
        burst -> assertThat(burst.messageCount).isEqualTo(2));
    collapser.add("bob", message("c2", 5), null);
    assertThat(collapser.takeCoveredBy(new ConversationRead("bob", "c2", 4))).isEmpty();
    Thread.sleep(500);
    assertThat(ready).extracting(burst -> burst.key.conversationId()).containsExactly("c2");
  }

  private static OfflineMessage message(String conversationId, long seq) {
    return new OfflineMessage(List.of("bob", "ann"), conversationId, seq, "m" + seq, "alice", "Alice", "text " + seq,
        Instant.now(), false);
  }
}
