package io.switchboard.bench.report;

import io.switchboard.bench.measure.ClassHistogram;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.scenario.IdleConnections;
import io.switchboard.bench.scenario.LoadResult;
import io.switchboard.bench.scenario.TimedResult;
import io.switchboard.bench.spread.SpreadConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Gathers every result of a run and writes the Markdown summary with its plots. Each figure sits beside the
 * CPU of every process and the machine's load when it was taken, because on two shared cores a number
 * without them cannot be compared with anything.
 */
public final class Report {

  /** Everything in docs/performance.md below this line is the latest run, replaced by each run. */
  static final String MARKER = "<!-- latest run: everything below is written by the benchmark "
      + "(bench/run.sh, bench/run-cluster.sh) and replaced on each run -->";

  private final String setup;
  private final List<LoadResult> oneToOne = new ArrayList<>();
  private final List<LoadResult> groups = new ArrayList<>();
  private final List<TimedResult> timed = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** Lines under the catch-up and reconnect table, saying what its rows add up to. */
  private final List<String> timedSummaries = new ArrayList<>();
  private List<IdleConnections.Step> idle = List.of();
  private List<ClassHistogram.Growth> keptByClass = List.of();
  private OptionalDouble keptBytesPerDevice = OptionalDouble.empty();
  private Optional<Duration> searchLag = Optional.empty();
  private Optional<SpreadConnections.Result> spread = Optional.empty();

  public Report(String setup) {
    this.setup = setup;
  }

  public void add(LoadResult result) {
    ("group".equals(result.scenario()) ? groups : oneToOne).add(result);
  }

  public void add(TimedResult result) {
    timed.add(result);
  }

  /** A line under the catch-up and reconnect table: what several of its rows add up to. */
  public void summarizeTimed(String summary) {
    timedSummaries.add(summary);
  }

  public void idle(IdleConnections.Result result) {
    this.idle = result.steps();
    this.keptByClass = result.keptByClass();
    this.keptBytesPerDevice = result.keptBytesPerDevice();
  }

  public void spread(SpreadConnections.Result result) {
    this.spread = Optional.of(result);
  }

  public void searchLag(Duration lag) {
    this.searchLag = Optional.of(lag);
  }

  public void note(String note) {
    notes.add(note);
  }

  /** Writes the report to {@code markdown}, its plots beside it under {@code images}. */
  public void write(Path markdown, Path images) throws IOException {
    Files.createDirectories(images);
    Path relative = markdown.toAbsolutePath().getParent().relativize(images.toAbsolutePath());
    StringBuilder out = new StringBuilder();
    out.append("## Latest run\n\n")
        .append("Taken ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". ").append(setup)
        .append("\n\n");
    if (!oneToOne.isEmpty()) {
      out.append("### 1-1 messages at steady rates\n\n");
      loadTable(out, oneToOne);
      Charts.latencyAgainstRate(oneToOne, images.resolve("latency-vs-rate.png"));
      Charts.throughputOverTime(oneToOne, images.resolve("throughput-over-time.png"));
      out.append("![latency against rate](").append(relative.resolve("latency-vs-rate.png")).append(")\n\n");
      out.append("![throughput over time](").append(relative.resolve("throughput-over-time.png")).append(")\n\n");
    }
    if (!groups.isEmpty()) {
      out.append("### Group fan-out\n\n");
      loadTable(out, groups);
    }
    searchLag.ifPresent(lag -> out.append(String.format(Locale.ROOT,
        "Search lag right after the heaviest 1-1 step: a message accepted then was searchable after %.2f s.%n%n",
        lag.toMillis() / 1000.0)));
    if (!timed.isEmpty()) {
      out.append("### Catch-up and reconnects\n\n")
          .append("| scenario | what | p50 ms | p99 ms | all done ms | sent | accepted | expected | delivered | "
              + "lost | duplicates | redelivered | CPU % by process | load |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (TimedResult result : timed) {
        DeliveryLedger.Counts counts = result.counts();
        out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %d | %d | %d | %d | %d | %d | %d | %s | %.2f |%n",
            result.scenario(), result.label(), result.percentileMillis(50), result.percentileMillis(99),
            result.allDoneMillis(), counts.sent(), counts.accepted(), counts.expected(), counts.delivered(),
            counts.lost(), counts.duplicates(), counts.redelivered(), cpu(result.averageCpuPercent()),
            result.load()));
      }
      out.append('\n');
      timedSummaries.forEach(summary -> out.append(summary).append("\n\n"));
    }
    if (idle.size() > 1) {
      out.append("### Idle connections: memory\n\n")
          .append("Per device: growth since no devices were connected, divided by the devices. \"Live heap\" is the ")
          .append("edge's heap after a full collection (what the connections keep); RSS also counts heap the JVM ")
          .append("grew ahead of need, and Netty's direct buffers.\n\n")
          .append("| devices | edge live heap MiB | live heap KiB per device | edge RSS MiB | RSS KiB per device ")
          .append("| RabbitMQ MiB | RabbitMQ KiB per device | Redis MiB | Redis KiB per device | load |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
      IdleConnections.Step base = idle.get(0);
      for (IdleConnections.Step step : idle) {
        out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %.0f | %s | %s | %s | %s | %s | %.2f |%n",
            step.connections(),
            kibAsMib(step.edgeHeapLiveKib()), perDevice(step.edgeHeapLiveKib(), base.edgeHeapLiveKib(), step, 1),
            step.edgeResidentKib() / 1024.0,
            perDevice(OptionalLong.of(step.edgeResidentKib()), OptionalLong.of(base.edgeResidentKib()), step, 1),
            mib(step.rabbitMqBytes()), perDevice(step.rabbitMqBytes(), base.rabbitMqBytes(), step, 1024),
            mib(step.redisBytes()), perDevice(step.redisBytes(), base.redisBytes(), step, 1024), step.load()));
      }
      Charts.memoryPerConnection(idle, images.resolve("memory-per-connection.png"));
      out.append("\n![memory per connection](").append(relative.resolve("memory-per-connection.png"))
          .append(")\n\n");
      keptByClassTable(out, idle.get(idle.size() - 1).connections());
    }
    spread.ifPresent(result -> spreadSection(out, result));
    if (!notes.isEmpty()) {
      out.append("### Notes from this run\n\n");
      notes.forEach(note -> out.append("- ").append(note).append('\n'));
      out.append('\n');
    }
    Files.writeString(markdown, keptIntroduction(markdown) + out);
  }

  /**
   * The live heap's growth by class: whether the devices' share is the sockets' own objects (one of each per
   * device) or something that grew beside them (a cache), which the per-device figure alone cannot say.
   */
  private void keptByClassTable(StringBuilder out, int devices) {
    if (keptByClass.isEmpty()) {
      return;
    }
    out.append(String.format(Locale.ROOT, "What the live heap grew by from 0 to %,d devices, by class (the %d "
            + "classes that grew most; `jcmd GC.class_histogram`, shallow sizes: an array counts under its own "
            + "class, not its owner's), per device:%n%n", devices, keptByClass.size()))
        .append("| class | instances per device | bytes per device |\n")
        .append("|---|---|---|\n");
    for (ClassHistogram.Growth growth : keptByClass) {
      out.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.0f |%n",
          growth.className(), growth.instancesPerDevice(), growth.bytesPerDevice()));
    }
    out.append(String.format(Locale.ROOT, "%nThese %d classes: %.1f KiB per device; every class together: %.1f KiB "
            + "per device.%n%n", keptByClass.size(),
        keptByClass.stream().mapToDouble(ClassHistogram.Growth::bytesPerDevice).sum() / 1024,
        keptBytesPerDevice.orElse(Double.NaN) / 1024));
  }

  private static void spreadSection(StringBuilder out, SpreadConnections.Result result) {
    out.append("### Connections beyond one process\n\n")
        .append(String.format(Locale.ROOT, "%,d devices held by %d generator processes (generator k dials its edge "
                + "at 127.0.0.(k+1)), all synced within %.1f s; %,d failed to connect. Per device: growth since "
                + "before they connected, divided by the devices on that edge; live heap after a full collection.%n%n",
            result.held(), result.generators(), result.connectMillis() / 1000.0, result.failed()))
        .append("| edge | devices | live heap MiB before → after | live heap KiB per device | RSS MiB before → after "
            + "| RSS KiB per device |\n")
        .append("|---|---|---|---|---|---|\n");
    for (SpreadConnections.EdgeReading edge : result.edges()) {
      out.append(String.format(Locale.ROOT, "| %s | %,d | %s → %s | %s | %s → %s | %s |%n", edge.name(), edge.devices(),
          kibAsMib(edge.heapBeforeKib()), kibAsMib(edge.heapAfterKib()),
          growthPerDevice(edge.heapBeforeKib(), edge.heapAfterKib(), edge.devices(), 1),
          kibAsMib(edge.residentBeforeKib()), kibAsMib(edge.residentAfterKib()),
          growthPerDevice(edge.residentBeforeKib(), edge.residentAfterKib(), edge.devices(), 1)));
    }
    out.append(String.format(Locale.ROOT, "%nShared servers, per device: RabbitMQ %s KiB (%s → %s MiB), Redis %s KiB "
            + "(%s → %s MiB). Machine load: %.2f.%n%n",
        growthPerDevice(result.rabbitMqBeforeBytes(), result.rabbitMqAfterBytes(), result.held(), 1024),
        mib(result.rabbitMqBeforeBytes()), mib(result.rabbitMqAfterBytes()),
        growthPerDevice(result.redisBeforeBytes(), result.redisAfterBytes(), result.held(), 1024),
        mib(result.redisBeforeBytes()), mib(result.redisAfterBytes()), result.load()));
  }

  /** (after − before) / devices, in KiB ({@code unit}: the reading's KiB). */
  private static String growthPerDevice(OptionalLong before, OptionalLong after, int devices, int unit) {
    if (devices == 0 || before.isEmpty() || after.isEmpty()) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f", (after.getAsLong() - before.getAsLong()) / (double) unit / devices);
  }

  /** Growth from {@code base} per device connected at {@code step}, in KiB ({@code unit}: the reading's KiB). */
  private static String perDevice(OptionalLong reading, OptionalLong base, IdleConnections.Step step, int unit) {
    return growthPerDevice(base, reading, step.connections(), unit);
  }

  private static String kibAsMib(OptionalLong kib) {
    return kib.isPresent() ? String.format(Locale.ROOT, "%.0f", kib.getAsLong() / 1024.0) : "not measured";
  }

  /** The hand-written part of the file above the marker, kept as it is. */
  private static String keptIntroduction(Path markdown) throws IOException {
    if (Files.exists(markdown)) {
      String existing = Files.readString(markdown);
      int marker = existing.indexOf(MARKER);
      if (marker >= 0) {
        return existing.substring(0, marker + MARKER.length()) + "\n\n";
      }
    }
    return "# Benchmark run\n\n" + MARKER + "\n\n";
  }

  private static void loadTable(StringBuilder out, List<LoadResult> results) {
    out.append("| step | delivered/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | sent | accepted | refused | "
            + "expected | delivered | lost | duplicates | CPU % by process | load |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (LoadResult result : results) {
      DeliveryLedger.Counts counts = result.counts();
      out.append(String.format(Locale.ROOT,
          "| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d | %s | %.2f |%n",
          result.label(), result.deliveredPerSecond(), result.percentileMillis(50), result.percentileMillis(90),
          result.percentileMillis(99), result.percentileMillis(99.9), result.percentileMillis(100), counts.sent(),
          counts.accepted(), counts.refused(), counts.expected(), counts.delivered(), counts.lost(),
          counts.duplicates(), cpu(result.averageCpuPercent()), result.averageLoad()));
    }
    out.append('\n');
  }

  private static String cpu(Map<String, Double> cpu) {
    StringBuilder text = new StringBuilder();
    cpu.forEach((name, percent) -> text.append(text.length() == 0 ? "" : ", ")
        .append(name).append(' ').append(String.format(Locale.ROOT, "%.0f", percent)));
    return text.toString();
  }

  private static String mib(OptionalLong bytes) {
    return bytes.isPresent() ? String.format(Locale.ROOT, "%.1f", bytes.getAsLong() / 1048576.0) : "not measured";
  }
}
