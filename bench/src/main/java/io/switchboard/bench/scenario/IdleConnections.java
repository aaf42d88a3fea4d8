package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.ClassHistogram;
import io.switchboard.bench.measure.HeapAfterGc;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.bench.measure.ServerMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Connected devices that do nothing: what each one costs the edge process (resident memory), RabbitMQ and Redis.
 * Devices are connected in steps, and memory read after each step once the process has settled.
 */
public final class IdleConnections {

  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Readings before any device at most, {@link #SETTLE_NANOS} apart, waiting for the live heap to stop falling. */
  private static final int MAX_BASELINE_READINGS = 12;

  /** A live heap that fell by less than this between two readings has settled. */
  private static final long SETTLED_KIB = 4 * 1024;

  /** Classes listed in the report's "what the devices keep" table. */
  private static final int CLASSES_SHOWN = 15;

  private final Run run;
  private final long edgePid;
  private final boolean serversMemory;
  private final String redisHost;
  private final int redisPort;

  /** {@code serversMemory}: whether RabbitMQ and Redis are the machine's own (not embedded), worth asking. */
  public IdleConnections(Run run, long edgePid, boolean serversMemory, String redisHost, int redisPort) {
    this.run = run;
    this.edgePid = edgePid;
    this.serversMemory = serversMemory;
    this.redisHost = redisHost;
    this.redisPort = redisPort;
  }

  /**
   * One reading per step: connections so far, and the memory of each server at that point. For the edge both
   * its resident size and its live heap after a full collection (see {@link HeapAfterGc}).
   */
  public record Step(int connections, long edgeResidentKib, OptionalLong edgeHeapLiveKib,
      OptionalLong rabbitMqBytes, OptionalLong redisBytes, double load) {}

  /**
   * The readings, the classes whose live instances grew most from no device to all of them, per device, and what
   * every class together grew by, per device (both empty when {@code jcmd} cannot reach the edge).
   */
  public record Result(List<Step> steps, List<ClassHistogram.Growth> keptByClass, OptionalDouble keptBytesPerDevice) {}

  public Result run(List<BenchDevice> devices, int steps) {
    List<Step> readings = new ArrayList<>();
    readings.add(settledBaseline());
    Optional<ClassHistogram> before = ClassHistogram.of(edgePid);
    int done = 0;
    for (int step = 1; step <= steps; step++) {
      int upTo = (int) ((long) devices.size() * step / steps);
      run.connector().connectAll(devices.subList(done, upTo), 200);
      done = upTo;
      LockSupport.parkNanos(SETTLE_NANOS);
      readings.add(read(done));
    }
    Optional<ClassHistogram> after = ClassHistogram.of(edgePid);
    if (before.isEmpty() || after.isEmpty() || done == 0) {
      return new Result(readings, List.of(), OptionalDouble.empty());
    }
    return new Result(readings, after.get().growthSince(before.get(), done, CLASSES_SHOWN),
        OptionalDouble.of((after.get().totalBytes() - before.get().totalBytes()) / (double) done));
  }

  /**
   * The reading before any device, once the server has finished what earlier scenarios left it (a search backlog,
   * the heaviest step's buffers): what it frees later would otherwise be taken from the devices' share, as in one
   * run whose first step read below the baseline.
   */
  private Step settledBaseline() {
    Step previous = read(0);
    for (int reading = 1; reading < MAX_BASELINE_READINGS; reading++) {
      LockSupport.parkNanos(SETTLE_NANOS);
      Step next = read(0);
      if (previous.edgeHeapLiveKib().isEmpty() || next.edgeHeapLiveKib().isEmpty()
          || previous.edgeHeapLiveKib().getAsLong() - next.edgeHeapLiveKib().getAsLong() < SETTLED_KIB) {
        return next;
      }
      previous = next;
    }
    return previous;
  }

  private Step read(int connections) {
    // the live heap first: the collection it forces also settles the resident size read next
    OptionalLong heapLive = HeapAfterGc.liveKib(edgePid);
    return new Step(connections, ProcessSampler.residentKib(edgePid).orElse(0), heapLive,
        serversMemory ? ServerMemory.rabbitMqBytes() : OptionalLong.empty(),
        serversMemory ? ServerMemory.redisBytes(redisHost, redisPort) : OptionalLong.empty(),
        run.sampler().sample().load());
  }
}
