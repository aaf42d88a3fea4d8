package io.switchboard.bench.measure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one scenario sent and what arrived: counts for the "nothing lost, nothing doubled" check, and every
 * delivery's latency, measured from the moment the send was <em>scheduled</em>. A sender that falls behind its
 * schedule therefore shows up as latency instead of quietly sending less (no coordinated omission).
 *
 * <p>Loss is counted message by message: each accepted message's deliveries still due, by message id. A step that
 * ends with the server behind stops counting acceptances ({@link #closeAcceptance}) and then waits a little for
 * the deliveries of what it did count: an "accepted" and its delivery travel separately, so a snapshot taken
 * between the two would report a message lost that arrives a millisecond later.
 *
 * <p>Latencies are recorded in microseconds into an HdrHistogram {@link Recorder}, which many socket threads
 * may write while the sampler takes one-second interval histograms.
 */
public final class DeliveryLedger {

  /** How often {@link #awaitAnswered} says how many sends are still unanswered. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /** How long nothing must be due before the deliveries are taken as complete (see {@link #awaitDue}). */
  static final Duration QUIET = Duration.ofSeconds(1);

  private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MICROS, 3);
  private final Histogram total = new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
  private final LongAdder sent = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder expectedDeliveries = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder redelivered = new LongAdder();
  /** Message id → deliveries due and not yet arrived (below zero while deliveries overtake the acceptance). */
  private final ConcurrentHashMap<String, Integer> due = new ConcurrentHashMap<>();
  private volatile boolean acceptanceClosed;
  /** Message id → its conversation and seq, for saying which messages are missing. */
  private final ConcurrentHashMap<String, Place> places = new ConcurrentHashMap<>();
  /** Sends not yet answered "accepted", by client message id: when each was sent, and whether a recipient got it. */
  private final ConcurrentHashMap<String, Unanswered> unanswered = new ConcurrentHashMap<>();

  /** Where a message is: its conversation and sequence number. */
  public record Place(String conversationId, long seq) {}

  /** A send no "accepted" has answered yet: when it went out (System.nanoTime()), and if any device got it. */
  public record Unanswered(long sentAtNanos, boolean delivered) {}

  public void sent() {
    sent.increment();
  }

  /** A send whose answer is watched for, so the ones never answered can be told apart (see {@link #unanswered()}). */
  public void sent(String clientMessageId) {
    sent();
    unanswered.put(clientMessageId, new Unanswered(System.nanoTime(), false));
  }

  /** The send was answered "accepted". */
  public void answered(String clientMessageId) {
    unanswered.remove(clientMessageId);
  }

  /** A device got the message of this send. */
  public void seen(String clientMessageId) {
    unanswered.computeIfPresent(clientMessageId, (id, send) -> new Unanswered(send.sentAtNanos(), true));
  }

  /** The watched sends never answered "accepted". */
  public List<Unanswered> unanswered() {
    return List.copyOf(unanswered.values());
  }

  /**
   * The server took the message and {@code recipientDevices} devices should now receive it; not counted once
   * acceptance is closed.
   */
  public void accepted(String messageId, int recipientDevices) {
    if (acceptanceClosed) {
      return;
    }
    accepted.increment();
    expectedDeliveries.add(recipientDevices);
    settle(messageId, recipientDevices);
  }

  /** Where an accepted message was stored, so a missing delivery can be named by its place. */
  public void placed(String messageId, String conversationId, long seq) {
    places.put(messageId, new Place(conversationId, seq));
  }

  /** The places of the messages with deliveries still due, and how many; for a report that found some lost. */
  public Map<Place, Integer> missingPlaces() {
    Map<Place, Integer> missing = new HashMap<>();
    due.forEach((messageId, count) -> {
      if (count > 0) {
        missing.put(places.getOrDefault(messageId, new Place("unknown:" + messageId, -1)), count);
      }
    });
    return missing;
  }

  public void refused() {
    refused.increment();
  }

  public void delivered(String messageId, long scheduledNanos, long arrivedNanos) {
    settle(messageId, -1);
    delivered.increment();
    long micros = Math.max(0, (arrivedNanos - scheduledNanos) / 1_000);
    recorder.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
  }

  public void duplicate() {
    duplicates.increment();
  }

  /** A message this device already held, sent again after a reconnect because it was not yet acknowledged. */
  public void redelivered() {
    redelivered.increment();
  }

  public void outOfOrder() {
    outOfOrder.increment();
  }

  private void settle(String messageId, int change) {
    due.compute(messageId, (id, before) -> {
      int after = (before == null ? 0 : before) + change;
      return after == 0 ? null : after;
    });
  }

  /** From now on acceptances are not counted: the step is over, what the server takes now belongs to no step. */
  public void closeAcceptance() {
    acceptanceClosed = true;
  }

  /**
   * Waits up to {@code grace} for every counted message's deliveries; returns early once none has been due for
   * {@link #QUIET}. Not at the first moment none is: a message whose deliveries came before its "accepted" (a
   * sender back from a storm hears it last) is due nothing until that "accepted" arrives, and then is due what is
   * still on its way.
   */
  public void awaitDue(Duration grace) {
    long[] quietSince = {System.nanoTime()};
    pollUntil(grace, () -> {
      if (missing() > 0) {
        quietSince[0] = System.nanoTime();
        return false;
      }
      return System.nanoTime() - quietSince[0] >= QUIET.toNanos();
    });
  }

  /**
   * Waits up to {@code grace} until every watched send made after {@code sentAfterNanos} (System.nanoTime()) is
   * answered; returns how many still are not, and tells {@code progress} that count every {@link #PROGRESS_EVERY}
   * meanwhile. For sends whose socket stayed open: a server still behind when the sending stops answers them
   * late, and counting them at that moment would call "late" "never".
   */
  public long awaitAnswered(long sentAfterNanos, Duration grace, LongConsumer progress) {
    long[] nextProgress = {System.nanoTime() + PROGRESS_EVERY.toNanos()};
    pollUntil(grace, () -> {
      long waiting = unansweredSince(sentAfterNanos);
      if (waiting > 0 && System.nanoTime() >= nextProgress[0]) {
        progress.accept(waiting);
        nextProgress[0] += PROGRESS_EVERY.toNanos();
      }
      return waiting == 0;
    });
    return unansweredSince(sentAfterNanos);
  }

  /** Asks {@code done} every 20 ms until it says yes or {@code grace} has passed. */
  private static void pollUntil(Duration grace, BooleanSupplier done) {
    long until = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < until && !done.getAsBoolean()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private long unansweredSince(long sentAfterNanos) {
    return unanswered.values().stream().filter(send -> send.sentAtNanos() > sentAfterNanos).count();
  }

  /** Deliveries due to counted messages that have not arrived. */
  private long missing() {
    return due.values().stream().mapToLong(count -> Math.max(0, count)).sum();
  }

  /** Latencies recorded since the last call, and folds them into the total. Called by one thread only. */
  public synchronized Histogram interval() {
    Histogram interval = recorder.getIntervalHistogram();
    total.add(interval);
    return interval;
  }

  /** Every latency so far. */
  public synchronized Histogram total() {
    interval();
    return total.copy();
  }

  public Counts counts() {
    return new Counts(sent.sum(), accepted.sum(), refused.sum(), expectedDeliveries.sum(), delivered.sum(),
        duplicates.sum(), outOfOrder.sum(), redelivered.sum(), missing());
  }

  /** A snapshot of the counters; lost is the deliveries due to accepted messages that have not come. */
  public record Counts(long sent, long accepted, long refused, long expected, long delivered, long duplicates,
      long outOfOrder, long redelivered, long lost) {}
}
