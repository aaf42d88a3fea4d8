package io.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.e2e.TestCluster;
import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.bench.population.Population.BenchUser;
import io.switchboard.bench.report.Report;
import io.switchboard.bench.scenario.Run;
import io.switchboard.bench.spread.SpreadConnections;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spread scenario, run small against the test cluster: its devices are held by generator processes of their
 * own (real JVMs, real sockets), the second dialling the edge at 127.0.0.2, and each is counted only once the
 * server said "synced" to it. Memory figures are the benchmark's business; here the pid is this JVM's own.
 */
class SpreadConnectionsTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void devicesAreHeldByTwoGeneratorProcessesEachDiallingItsOwnAddressAndReported(@TempDir Path out) throws Exception {
    try (Run run = new Run(cluster.http(), new ProcessSampler(Map.of()))) {
      List<BenchDevice> devices = run.population().create(2, 10).stream()
          .flatMap(user -> user.devices().stream()).toList();
      URI socketUrl = URI.create("ws://" + cluster.http().base().getAuthority() + "/ws");
      SpreadConnections.Edge edge = new SpreadConnections.Edge("edge", socketUrl, ProcessHandle.current().pid());

      SpreadConnections.Result result = new SpreadConnections(run.sampler(), false, "127.0.0.1", 6379)
          .run(devices, List.of(edge), 2);

      assertThat(result.generators()).isEqualTo(2);
      assertThat(result.held()).isEqualTo(20);
      assertThat(result.failed()).isZero();
      assertThat(result.edges()).singleElement().satisfies(reading -> {
        assertThat(reading.devices()).isEqualTo(20);
        assertThat(reading.heapAfterKib()).isPresent();
      });
      Report report = new Report("test cluster");
      report.spread(result);
      Path markdown = out.resolve("spread.md");
      report.write(markdown, out.resolve("images"));
      assertThat(Files.readString(markdown)).contains("### Connections beyond one process")
          .contains("20 devices held by 2 generator processes").contains("| edge | 20 |");
    }
  }

  @Test
  void eachGeneratorDialsALoopbackAddressOfItsOwn() {
    URI edge = URI.create("ws://127.0.0.1:8091/ws");
    assertThat(SpreadConnections.dialled(edge, 0)).isEqualTo(URI.create("ws://127.0.0.1:8091/ws"));
    assertThat(SpreadConnections.dialled(edge, 3)).isEqualTo(URI.create("ws://127.0.0.4:8091/ws"));
    assertThat(SpreadConnections.dialled(URI.create("ws://edge.example:8091/ws"), 3))
        .isEqualTo(URI.create("ws://edge.example:8091/ws"));
  }
}
