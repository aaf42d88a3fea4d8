package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.measure.ServerCatchUp;
import io.switchboard.bench.population.Population.BenchUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Users come back to a backlog: their devices go offline, a sender writes {@code messagesEach} to each of them,
 * and once every message is stored they all reconnect at the same moment. Each device's time runs from its
 * reconnect to the server's "synced" after the backlog, and the backlog must be there in full, once.
 */
public final class OfflineCatchUp {

  /** Issue #10: 100 users coming back to 10 queued messages each all have them within this. */
  static final Duration TARGET = Duration.ofMillis(300);

  private final Run run;
  private final BenchUser sender;
  private final List<BenchUser> returning;

  public OfflineCatchUp(Run run, BenchUser connectedSender, List<BenchUser> returningUsers) {
    this.run = run;
    this.sender = connectedSender;
    this.returning = returningUsers;
  }

  public TimedResult run(int messagesEach) {
    List<BenchDevice> devices = returning.stream().map(BenchUser::firstDevice).toList();
    // connected once, so each device's cursor exists; then away
    run.connector().connectAll(devices, 100);
    run.connector().closeAll(devices);

    DeliveryLedger ledger = new DeliveryLedger();
    sender.firstDevice().countInto(ledger, accepted -> 1);
    devices.forEach(device -> device.countInto(ledger, accepted -> 0));
    for (int round = 0; round < messagesEach; round++) {
      for (BenchUser user : returning) {
        ledger.sent();
        sender.firstDevice().send(OpenLoopLoad.frameTo(user.userId(), System.nanoTime()));
      }
    }
    long storedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ledger.counts().accepted() + ledger.counts().refused() < ledger.counts().sent()
        && System.nanoTime() < storedBy) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }

    ServerCatchUp server = new ServerCatchUp(run.http());
    Optional<ServerCatchUp.Snapshot> before = server.read();
    run.sampler().reset();
    long start = System.nanoTime();
    List<CompletableFuture<Long>> synced = run.connector().connectAllAtOnce(devices);
    Histogram perDevice = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    List<Long> finished = new ArrayList<>();
    for (CompletableFuture<Long> device : synced) {
      long at = device.orTimeout(2, TimeUnit.MINUTES).join();
      finished.add(at);
      perDevice.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(at - start)));
    }
    double allDone = finished.stream().mapToLong(Long::longValue).max().orElse(start) - start;
    var sample = run.sampler().sample();
    // a client acknowledges what it stored: without it the next round would bring this round's messages again
    devices.forEach(BenchDevice::acknowledge);
    run.connector().closeAll(devices);
    String label = String.format("%d users back to %d messages each", returning.size(), messagesEach)
        + ServerCatchUp.describe(before, server.read()) + handshakes(devices, start);
    return new TimedResult("catch-up", label, devices.size(), perDevice, allDone / 1e6, countsWithExpected(ledger,
        (long) devices.size() * messagesEach), LoadResult.averageCpu(List.of(sample)), sample.load());
  }

  /**
   * One line on several rounds for the report: the median and the slowest round's time until every device was
   * synced, how many rounds were within the target, and whether any round lost or doubled a message.
   */
  public static String summary(List<TimedResult> rounds, int warmUpRounds) {
    if (rounds.isEmpty()) {
      return "Catch-up: no round measured.";
    }
    double[] allDone = rounds.stream().mapToDouble(TimedResult::allDoneMillis).sorted().toArray();
    double median = allDone.length % 2 == 1
        ? allDone[allDone.length / 2]
        : (allDone[allDone.length / 2 - 1] + allDone[allDone.length / 2]) / 2;
    long withinTarget = rounds.stream().filter(round -> round.allDoneMillis() <= TARGET.toMillis()).count();
    long imperfect = rounds.stream()
        .filter(round -> round.counts().lost() > 0 || round.counts().duplicates() > 0)
        .count();
    return String.format(Locale.ROOT, "Catch-up, %d rounds after %d warm-up rounds that are not reported: every "
            + "device synced within %.0f ms in the median round, %.0f ms in the slowest; %d of %d rounds within "
            + "the %d ms target; %s.", rounds.size(), warmUpRounds, median, allDone[allDone.length - 1],
        withinTarget, rounds.size(), TARGET.toMillis(),
        imperfect == 0 ? "no round lost or doubled a message" : imperfect + " rounds lost or doubled messages");
  }

  /**
   * How long the sockets took to open, seen from the generator: the handshake (with the server's check of the
   * token) before the edge's own catch-up time starts.
   */
  private static String handshakes(List<BenchDevice> devices, long start) {
    Histogram opened = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    devices.forEach(device -> opened.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(device.openedAt() - start))));
    return String.format(" (sockets open after p50 %d ms, the last %d ms)",
        opened.getValueAtPercentile(50), opened.getMaxValue());
  }

  /** The expected count is what was sent to the returning devices, whatever acceptances said. */
  private static DeliveryLedger.Counts countsWithExpected(DeliveryLedger ledger, long expected) {
    DeliveryLedger.Counts counts = ledger.counts();
    return new DeliveryLedger.Counts(counts.sent(), counts.accepted(), counts.refused(), expected,
        counts.delivered(), counts.duplicates(), counts.outOfOrder(), counts.redelivered(),
        Math.max(counts.lost(), expected - counts.delivered()));
  }
}
