package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.device.BenchMessages;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.protocol.frame.SendFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends at a fixed rate for a fixed time, whatever the server does: message i is due at start + i/rate, and its
 * latency counts from that moment. If the sender falls behind (the server pushes back, or the machine is busy),
 * the late sends carry the wait in their latency rather than the rate quietly dropping.
 */
final class OpenLoopLoad {

  /** How long deliveries may trail the last send before what is missing counts as lost. */
  private static final Duration DRAIN = Duration.ofSeconds(15);

  /**
   * After the drain, how long the deliveries of what was accepted by then may still take: an "accepted" and
   * its deliveries travel separately, so one can be seen just before the other.
   */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  /** Chooses the device that sends message i and builds its frame. */
  interface Plan {
    Send next(long index, long scheduledNanos);
  }

  record Send(BenchDevice from, SendFrame frame) {}

  static LoadResult run(String scenario, String label, Run run, List<BenchDevice> everyDevice, Plan plan,
      double ratePerSecond, Duration duration, DeliveryLedger ledger) {
    ProcessSampler sampler = run.sampler();
    List<LoadResult.Second> timeline = Collections.synchronizedList(new ArrayList<>());
    List<ProcessSampler.Sample> samples = Collections.synchronizedList(new ArrayList<>());
    ledger.interval();
    sampler.reset();
    long periodNanos = (long) (1e9 / ratePerSecond);
    long total = (long) (ratePerSecond * duration.toSeconds());
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    ScheduledFuture<?> acks = run.acknowledgeEvery250ms(everyDevice);
    ScheduledFuture<?> seconds = run.timers().scheduleAtFixedRate(() -> {
      Histogram interval = ledger.interval();
      ProcessSampler.Sample sample = sampler.sample();
      samples.add(sample);
      timeline.add(new LoadResult.Second(timeline.size() + 1, interval.getTotalCount(),
          interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0,
          interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50) / 1000.0, sample.load()));
    }, 1, 1, TimeUnit.SECONDS);
    try {
      for (long i = 0; i < total; i++) {
        long due = start + i * periodNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        Send send = plan.next(i, due);
        ledger.sent();
        send.from().send(send.frame());
      }
      long drainUntil = System.nanoTime() + DRAIN.toNanos();
      while (System.nanoTime() < drainUntil) {
        DeliveryLedger.Counts counts = ledger.counts();
        if (counts.accepted() + counts.refused() >= counts.sent() && counts.delivered() >= counts.expected()) {
          break;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      // a server still behind keeps accepting; what it accepted until now is what this step counts
      ledger.closeAcceptance();
      ledger.awaitDue(SETTLE);
    } finally {
      seconds.cancel(false);
      acks.cancel(false);
    }
    double sendSeconds = total / ratePerSecond;
    List<ProcessSampler.Sample> sampled;
    synchronized (samples) {
      sampled = List.copyOf(samples);
    }
    synchronized (timeline) {
      return new LoadResult(scenario, label, ratePerSecond, sendSeconds, ledger.counts(), ledger.total(),
          List.copyOf(timeline), LoadResult.averageCpu(sampled), LoadResult.averageLoad(sampled));
    }
  }

  static SendFrame frameTo(String userId, long scheduledNanos) {
    return new SendFrame(BenchMessages.newClientMessageId(), userId, null, BenchMessages.body(scheduledNanos));
  }

  static SendFrame frameIn(String conversationId, long scheduledNanos) {
    return new SendFrame(BenchMessages.newClientMessageId(), null, conversationId,
        BenchMessages.body(scheduledNanos));
  }

  private OpenLoopLoad() {}
}
