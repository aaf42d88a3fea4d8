package io.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.e2e.TestCluster;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.bench.population.Population.BenchUser;
import io.switchboard.bench.report.Report;
import io.switchboard.bench.scenario.LoadResult;
import io.switchboard.bench.scenario.OfflineCatchUp;
import io.switchboard.bench.scenario.Run;
import io.switchboard.bench.scenario.SteadyOneToOne;
import io.switchboard.bench.scenario.TimedResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator, run small against the test cluster: it must count what really happens (every message
 * delivered to every device once, latency recorded for each) and write its report. Timings are not checked here:
 * speed is the benchmark's business (docs/performance.md), never a unit test's.
 */
class LoadGeneratorTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void steadyOneToOneLoadDeliversEveryMessageToEveryDeviceOnceAndReportsIt(@TempDir Path out) throws Exception {
    try (Run run = new Run(cluster.http(), new ProcessSampler(Map.of()))) {
      List<BenchUser> users = run.population().create(6, 2);
      run.connector().connectAll(users.stream().flatMap(user -> user.devices().stream()).toList(), 12);

      LoadResult result = new SteadyOneToOne(run, users).run(40, Duration.ofSeconds(3));

      DeliveryLedger.Counts counts = result.counts();
      assertThat(counts.sent()).isEqualTo(120);
      assertThat(counts.accepted()).isEqualTo(120);
      assertThat(counts.expected()).as("each message reaches the peer's 2 devices and the sender's other one")
          .isEqualTo(120 * 3);
      assertThat(counts.delivered()).isEqualTo(counts.expected());
      assertThat(counts.lost()).isZero();
      assertThat(counts.duplicates()).isZero();
      assertThat(result.latencyMicros().getTotalCount()).isEqualTo(counts.delivered());

      Report report = new Report("test cluster");
      report.add(result);
      Path markdown = out.resolve("performance.md");
      report.write(markdown, out.resolve("images"));
      assertThat(Files.readString(markdown)).contains("40 msg/s, 6 users x 2 devices").contains("| 360 | 0 | 0 |");
      assertThat(out.resolve("images/latency-vs-rate.png")).isNotEmptyFile();
    }
  }

  @Test
  void offlineCatchUpCountsEveryQueuedMessageOnReturn() {
    try (Run run = new Run(cluster.http(), new ProcessSampler(Map.of()))) {
      List<BenchUser> users = run.population().create(5, 1);
      run.connector().connectAll(List.of(users.get(0).firstDevice()), 1);

      OfflineCatchUp catchUp = new OfflineCatchUp(run, users.get(0), users.subList(1, 5));
      TimedResult first = catchUp.run(10);
      // the devices acknowledged before leaving (the acks written ahead of the close): only new messages now
      TimedResult second = catchUp.run(10);

      for (TimedResult round : List.of(first, second)) {
        assertThat(round.counts().accepted()).isEqualTo(40);
        assertThat(round.counts().delivered()).isEqualTo(40);
        assertThat(round.counts().lost()).isZero();
        assertThat(round.counts().duplicates()).isZero();
        assertThat(round.counts().redelivered()).isZero();
        assertThat(round.perDeviceMillis().getTotalCount()).isEqualTo(4);
      }
      assertThat(OfflineCatchUp.summary(List.of(first, second), 0))
          .startsWith("Catch-up, 2 rounds after 0 warm-up rounds")
          .endsWith("no round lost or doubled a message.");
    }
  }
}
