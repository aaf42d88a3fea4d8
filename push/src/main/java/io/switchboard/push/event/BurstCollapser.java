package io.switchboard.push.event;

import io.switchboard.protocol.broker.ConversationRead;
import io.switchboard.protocol.broker.OfflineMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Collapses a conversation's offline messages into one notification: a burst is ready once no message came
 * for {@code quiet}, or {@code maxDelay} after its first message, whichever is sooner. So 20 messages in 2 s
 * become one notification "… (+19 more)", and a conversation that never pauses still notifies every
 * {@code maxDelay}. Each worker collapses what it consumes; with several workers a burst can split into a
 * few notifications, which the providers' collapse keys still show as one.
 *
 * <p>One lock guards the open bursts; {@code ready} is called under it, so its callers are serialized.
 */
final class BurstCollapser {

  private final Duration quiet;
  private final Duration maxDelay;
  private final Consumer<Burst> ready;
  private final Map<Burst.BurstKey, Burst> open = new HashMap<>();

  BurstCollapser(Duration quiet, Duration maxDelay, Consumer<Burst> ready) {
    this.quiet = quiet;
    this.maxDelay = maxDelay;
    this.ready = ready;
  }

  synchronized void add(String userId, OfflineMessage message, SharedAcknowledgement delivery) {
    Burst.BurstKey key = new Burst.BurstKey(userId, message.conversationId());
    long now = System.nanoTime();
    Burst burst = open.computeIfAbsent(key, absent -> new Burst(absent, now));
    burst.add(message, delivery);
    if (burst.timer != null) {
      burst.timer.dispose();
    }
    long leftNanos = maxDelay.toNanos() - (now - burst.startedNanos);
    Duration wait = Duration.ofNanos(Math.max(0, Math.min(quiet.toNanos(), leftNanos)));
    burst.timer = Mono.delay(wait).subscribe(tick -> close(burst));
  }

  /**
   * The open burst a read covers entirely, taken out unnotified: the user has seen those messages. A burst
   * with messages after the read stays open.
   */
  synchronized Optional<Burst> takeCoveredBy(ConversationRead read) {
    Burst.BurstKey key = new Burst.BurstKey(read.userId(), read.conversationId());
    Burst burst = open.get(key);
    if (burst == null || burst.latest.seq() > read.readSeq()) {
      return Optional.empty();
    }
    open.remove(key);
    burst.timer.dispose();
    return Optional.of(burst);
  }

  /** Drops every open burst unacknowledged (the broker gives the deliveries to another worker). */
  synchronized void clear() {
    open.values().forEach(burst -> burst.timer.dispose());
    open.clear();
  }

  private synchronized void close(Burst burst) {
    if (open.remove(burst.key, burst)) {
      ready.accept(burst);
    }
  }
}
