package io.switchboard.bench.measure;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one scenario sent and what arrived: counts for the "nothing lost, nothing doubled" check, and every
 * delivery's latency, measured from the moment the send was <em>scheduled</em>. A sender that falls behind its
 * schedule therefore shows up as latency instead of quietly sending less (no coordinated omission).
 *
 * <p>Latencies are recorded in microseconds into an HdrHistogram {@link Recorder}, which many socket threads
 * may write while the sampler takes one-second interval histograms.
 */
public final class DeliveryLedger {

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

  public void sent() {
    sent.increment();
  }

  /** The server took the message and {@code recipientDevices} devices should now receive it. */
  public void accepted(int recipientDevices) {
    accepted.increment();
    expectedDeliveries.add(recipientDevices);
  }

  public void refused() {
    refused.increment();
  }

  public void delivered(long scheduledNanos, long arrivedNanos) {
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
        duplicates.sum(), outOfOrder.sum(), redelivered.sum());
  }

  /** A snapshot of the counters; lost is what was expected and never came. */
  public record Counts(long sent, long accepted, long refused, long expected, long delivered, long duplicates,
      long outOfOrder, long redelivered) {

    public long lost() {
      return Math.max(0, expected - delivered);
    }
  }
}
