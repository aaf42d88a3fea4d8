package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.measure.ServerCatchUp;
import io.switchboard.bench.population.Population.BenchUser;
import io.switchboard.protocol.frame.SendFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Every client loses its connection at the same moment (as when a load balancer or a network drops) and
 * reconnects at once, while pairs of them keep writing to each other. Done means every device synced again,
 * and every message accepted before, during and after the storm reached every device of its recipient, once.
 */
public final class ReconnectStorm {

  /** How long the sends made after every device was back may take to be answered before they count as never. */
  private static final Duration ANSWER_GRACE = Duration.ofSeconds(90);

  private final Run run;
  private final List<BenchUser> users;

  public ReconnectStorm(Run run, List<BenchUser> connectedUsers) {
    this.run = run;
    this.users = connectedUsers;
  }

  public TimedResult run(double backgroundRatePerSecond) {
    List<BenchDevice> devices = users.stream().flatMap(user -> user.devices().stream()).toList();
    int devicesEach = users.get(0).devices().size();
    DeliveryLedger ledger = new DeliveryLedger();
    devices.forEach(device -> device.countInto(ledger, accepted -> 2 * devicesEach - 1));
    ScheduledFuture<?> acks = run.acknowledgeEvery250ms(devices);
    AtomicLong index = new AtomicLong();
    int pairs = users.size() / 2;
    long periodMicros = (long) (1e6 / backgroundRatePerSecond);
    ScheduledFuture<?> chatter = run.timers().scheduleAtFixedRate(() -> {
      long i = index.getAndIncrement();
      int pair = (int) (i % pairs);
      BenchUser from = users.get(2 * pair);
      BenchUser to = users.get(2 * pair + 1);
      if (from.firstDevice().isConnected()) {
        SendFrame frame = OpenLoopLoad.frameTo(to.userId(), System.nanoTime());
        ledger.sent(frame.clientMessageId());
        from.firstDevice().send(frame);
      }
    }, 0, periodMicros, TimeUnit.MICROSECONDS);
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));

    ServerCatchUp server = new ServerCatchUp(run.http());
    Optional<ServerCatchUp.Snapshot> before = server.read();
    run.sampler().reset();
    long start = System.nanoTime();
    // one deadline for all: waiting two minutes per device in turn would never end if many never came back
    long deadline = start + TimeUnit.MINUTES.toNanos(2);
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    // all gone before any comes back, as after a real outage (and the old sockets' descriptors are free again)
    CompletableFuture.allOf(devices.stream().map(BenchDevice::drop).toArray(CompletableFuture[]::new)).join();
    // every device tries again after a failed attempt, as a client does (see Connector.connectRetrying)
    List<CompletableFuture<Long>> back = devices.stream()
        .map(device -> run.connector().connectRetrying(device, deadline,
            failure -> failures.computeIfAbsent(reason(failure), ignored -> new LongAdder()).increment()))
        .toList();
    Histogram perDevice = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    long lastBack = start;
    int failed = 0;
    for (CompletableFuture<Long> device : back) {
      try {
        long at = device.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        lastBack = Math.max(lastBack, at);
        perDevice.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(at - start)));
      } catch (ExecutionException | TimeoutException | RuntimeException didNotComeBack) {
        failed++;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
      }
    }
    var sample = run.sampler().sample();
    String serverSide = ServerCatchUp.describe(before, server.read());
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
    chatter.cancel(false);
    // every device is back, so each send since then has an open socket to be answered on: wait for those answers
    // (a server still catching up answers late) before the deliveries they announce are counted
    long answersFrom = System.nanoTime();
    LongConsumer unanswered = waiting -> System.err.printf(
        "[bench] %.1f s after the sending's end: %d sends made after all were back unanswered%n",
        (System.nanoTime() - answersFrom) / 1e9, waiting);
    unanswered.accept(ledger.awaitAnswered(lastBack, ANSWER_GRACE, unanswered));
    // message by message: comparing totals stopped at once, as messages whose "accepted" the storm cut off are
    // delivered but never expected, and counted what was still on its way as lost
    ledger.awaitDue(Duration.ofSeconds(20));
    DeliveryLedger.Counts counts = ledger.counts();
    acks.cancel(false);
    reportMissing(ledger, users);
    reportUnanswered(ledger, start, lastBack);
    long retries = failures.values().stream().mapToLong(LongAdder::sum).sum();
    String label = String.format("%,d devices (%,d users), %,.0f msg/s meanwhile, %,d attempts failed and were "
            + "retried%s%s", devices.size(), users.size(), backgroundRatePerSecond, retries,
        failures.isEmpty() ? "" : " (" + failures.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
            .limit(3)
            .map(entry -> entry.getValue().sum() + "× " + entry.getKey())
            .collect(Collectors.joining("; ")) + ")",
        failed == 0 ? "" : ", " + failed + " never came back within 2 minutes") + serverSide;
    return new TimedResult("reconnect storm", label, devices.size(), perDevice, (lastBack - start) / 1e6,
        counts, LoadResult.averageCpu(List.of(sample)), sample.load());
  }

  /** Names every message with deliveries still due, and where each member's devices are in its conversation. */
  private static void reportMissing(DeliveryLedger ledger, List<BenchUser> users) {
    ledger.missingPlaces().forEach((place, due) -> {
      StringBuilder line = new StringBuilder("[bench] missing: " + place + ", " + due + " deliveries due;");
      for (BenchUser user : users) {
        if (place.conversationId().contains(user.userId())) {
          line.append(' ').append(user.userId()).append(':');
          for (BenchDevice device : user.devices()) {
            line.append(' ').append(device.highestSeq(place.conversationId()))
                .append(device.isConnected() ? "" : "(closed)");
          }
        }
      }
      System.err.println(line);
    });
  }

  /**
   * Says when the sends never answered "accepted" went out (before the drop, while devices came back, after all
   * were back) and how many of them a device got anyway: stored, then, only the answer missed its sender.
   */
  private static void reportUnanswered(DeliveryLedger ledger, long dropAt, long allBackAt) {
    List<DeliveryLedger.Unanswered> unanswered = ledger.unanswered();
    if (unanswered.isEmpty()) {
      return;
    }
    long before = unanswered.stream().filter(send -> send.sentAtNanos() < dropAt).count();
    long after = unanswered.stream().filter(send -> send.sentAtNanos() > allBackAt).count();
    long delivered = unanswered.stream().filter(DeliveryLedger.Unanswered::delivered).count();
    System.err.printf("[bench] %d sends never answered \"accepted\": %d sent before the drop, %d while devices came"
        + " back, %d after all were back; %d of them reached a device%n", unanswered.size(), before,
        unanswered.size() - before - after, after, delivered);
  }

  /** A failed attempt in a few words: the innermost cause's type and message, without the stack. */
  private static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage()).replace('|', '/');
    return cause.getClass().getSimpleName() + ": " + (message.length() > 80 ? message.substring(0, 80) + "…" : message);
  }
}
