package io.switchboard.bench;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.bench.measure.RouterBacklog;
import io.switchboard.bench.population.Population.BenchUser;
import io.switchboard.bench.report.Report;
import io.switchboard.bench.scenario.GroupFanOut;
import io.switchboard.bench.scenario.IdleConnections;
import io.switchboard.bench.scenario.LoadResult;
import io.switchboard.bench.scenario.OfflineCatchUp;
import io.switchboard.bench.scenario.ReconnectStorm;
import io.switchboard.bench.scenario.Run;
import io.switchboard.bench.scenario.SteadyOneToOne;
import io.switchboard.bench.scenario.TimedResult;
import io.switchboard.bench.spread.SpreadConnections;
import io.switchboard.client.SwitchboardHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator: runs the chosen scenarios against a running Switchboard and writes the report. See
 * docs/performance.md for the arguments and {@code bench/run.sh} for the one command that starts a server and runs all.
 */
public final class Bench {

  /** An account holds at most this many devices (the server's default cap). */
  private static final int DEVICES_PER_ACCOUNT = 10;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    SwitchboardHttp http = new SwitchboardHttp(URI.create(options.target()));
    Map<String, Long> pids = resolvePids(options.processes());
    Report report = new Report(options.setup());
    RouterBacklog backlog = new RouterBacklog(http);
    try (Run run = new Run(http, new ProcessSampler(pids))) {
      if (options.runs("steady")) {
        steady(run, options, report, backlog);
      }
      if (options.runs("group")) {
        settle(backlog, report, "group");
        group(run, options, report);
      }
      if (options.runs("catchup")) {
        settle(backlog, report, "catch-up");
        catchUp(run, options, report);
      }
      if (options.runs("idle") || options.runs("storm")) {
        settle(backlog, report, "idle");
        idleAndStorm(run, options, report, pids);
      }
      if (options.runs("spread")) {
        spread(run, options, report, pids);
      }
    }
    report.write(options.markdown(), options.images());
    log("report written to %s", options.markdown().toAbsolutePath());
    System.exit(0);
  }

  /**
   * Lets the router finish what earlier steps queued before a scenario starts (at most ten minutes), and says
   * so in the report when there was anything to wait for.
   */
  private static void settle(RouterBacklog backlog, Report report, String scenario) {
    RouterBacklog.Settled settled = backlog.settle(Duration.ofMinutes(10));
    log("before %s: %s", scenario, settled);
    if (settled.hadBacklog()) {
      report.note("Before the " + scenario + " scenario, " + settled + ".");
    }
  }

  /**
   * The catch-up, round after round with the same users: first {@code --catchup-warmup} rounds that are not
   * reported (as the 1-1 steps follow a warm-up: a round in code the JIT has not compiled yet, the generator's
   * or the server's, measures the compiler), then {@code --catchup-rounds} rounds, a report row each, and a line
   * under the table with the median and slowest round and how many met the target. One fast round proves little:
   * runs on this machine differ by a factor of two.
   */
  private static void catchUp(Run run, Options options, Report report) {
    log("catch-up: %d users, %d messages each, %d warm-up and %d measured rounds", options.catchUpUsers(),
        options.catchUpMessages(), options.catchUpWarmUpRounds(), options.catchUpRounds());
    List<BenchUser> users = run.population().create(options.catchUpUsers() + 1, 1);
    BenchUser sender = users.get(0);
    run.connector().connectAll(List.of(sender.firstDevice()), 1);
    OfflineCatchUp catchUp = new OfflineCatchUp(run, sender, users.subList(1, users.size()));
    for (int round = 1; round <= options.catchUpWarmUpRounds(); round++) {
      log("  warm-up round %d (not reported): %s", round, catchUp.run(options.catchUpMessages()));
    }
    List<TimedResult> measured = new ArrayList<>();
    for (int round = 1; round <= options.catchUpRounds(); round++) {
      TimedResult result = catchUp.run(options.catchUpMessages())
          .labelled(String.format("round %d of %d: ", round, options.catchUpRounds()));
      log("  %s", result);
      measured.add(result);
      report.add(result);
    }
    run.connector().closeAll(List.of(sender.firstDevice()));
    report.summarizeTimed(OfflineCatchUp.summary(measured, options.catchUpWarmUpRounds()));
  }

  private static void steady(Run run, Options options, Report report, RouterBacklog backlog) {
    log("1-1: creating %d users with %d device(s) each", options.users(), options.devicesPerUser());
    List<BenchUser> users = run.population().create(options.users(), options.devicesPerUser());
    List<BenchDevice> devices = users.stream().flatMap(user -> user.devices().stream()).toList();
    run.connector().connectAll(devices, 200);
    SteadyOneToOne load = new SteadyOneToOne(run, users);
    // Warm-up, not reported: at least one message in every pair, so the first step measures chat between
    // people who have talked before rather than the one-off creation of a thousand conversations, and load for
    // --warmup seconds, so it measures a server the JIT has compiled rather than one it is compiling (its
    // compiler threads take ~40 % of a core for the first minutes of load here); then the router's queue is
    // let empty.
    double warmUpRate = 100;
    long warmUpMillis = Math.max(options.warmUp().toMillis(),
        Math.max(5_000, (long) Math.ceil(1_000.0 * (users.size() / 2) / warmUpRate)));
    log("1-1: warming up at %.0f msg/s for %d s", warmUpRate, warmUpMillis / 1000);
    load.run(warmUpRate, Duration.ofMillis(warmUpMillis));
    settle(backlog, report, "1-1");
    for (double rate : options.rates()) {
      LoadResult result = load.run(rate, options.stepDuration());
      log("  %s: delivered/s %.0f, p50 %.1f ms, p99 %.1f ms, %s", result.label(), result.deliveredPerSecond(),
          result.percentileMillis(50), result.percentileMillis(99), result.counts());
      report.add(result);
    }
    SearchLagProbe.measure(users.get(0).firstDevice().session(), users.get(1).userId())
        .ifPresentOrElse(report::searchLag, () -> report.note("search lag: the probe message was not found "
            + "by search within the probe's time (is the search service running?)"));
    run.connector().closeAll(devices);
  }

  private static void group(Run run, Options options, Report report) {
    log("group: %d members at %.0f msg/s", options.groupSize(), options.groupRate());
    List<BenchUser> members = run.population().create(options.groupSize(), 1);
    List<BenchDevice> devices = members.stream().map(BenchUser::firstDevice).toList();
    run.connector().connectAll(devices, 100);
    GroupFanOut fanOut = new GroupFanOut(run, members);
    fanOut.run(options.groupRate(), Duration.ofSeconds(5)); // warm-up
    LoadResult result = fanOut.run(options.groupRate(), options.stepDuration());
    log("  %s: p50 %.1f ms, p99 %.1f ms, %s", result.label(), result.percentileMillis(50),
        result.percentileMillis(99), result.counts());
    report.add(result);
    run.connector().closeAll(devices);
  }

  private static void idleAndStorm(Run run, Options options, Report report, Map<String, Long> pids) {
    int devicesEach = Math.min(DEVICES_PER_ACCOUNT, Math.max(1, options.idleDevices() / 200));
    int users = Math.max(2, (options.idleDevices() + devicesEach - 1) / devicesEach);
    users += users % 2;
    log("idle: creating %d users with %d devices each", users, devicesEach);
    List<BenchUser> population = run.population().create(users, devicesEach);
    List<BenchDevice> devices = population.stream().flatMap(user -> user.devices().stream()).toList();
    Long edgePid = pids.getOrDefault("edge", pids.values().stream().findFirst().orElse(-1L));
    IdleConnections.Result idle =
        new IdleConnections(run, edgePid, options.serversMemory(), options.redisHost(), options.redisPort())
            .run(devices, 5);
    idle.steps().forEach(step -> log("  %s", step));
    idle.keptByClass().forEach(growth -> log("  kept per device: %s", growth));
    report.idle(idle);
    if (options.runs("storm")) {
      TimedResult storm = new ReconnectStorm(run, population).run(options.stormRate());
      log("  %s", storm);
      report.add(storm);
    }
    run.connector().closeAll(devices);
  }

  /**
   * Idle devices beyond one process's sockets: held by several generator processes, on the edges named by
   * {@code --edges} (their pids from {@code --processes}, under the same names).
   */
  private static void spread(Run run, Options options, Report report, Map<String, Long> pids) {
    if (options.edges().isEmpty()) {
      throw new IllegalArgumentException(
          "the spread scenario needs --edges name=ws://host:port/ws,… (see bench/run-cluster.sh)");
    }
    List<SpreadConnections.Edge> edges = options.edges().entrySet().stream()
        .map(edge -> new SpreadConnections.Edge(edge.getKey(), URI.create(edge.getValue()),
            pids.getOrDefault(edge.getKey(), -1L)))
        .toList();
    int users = Math.max(1, (options.spreadDevices() + DEVICES_PER_ACCOUNT - 1) / DEVICES_PER_ACCOUNT);
    log("spread: creating %d users with %d devices each", users, DEVICES_PER_ACCOUNT);
    List<BenchDevice> devices = run.population().create(users, DEVICES_PER_ACCOUNT).stream()
        .flatMap(user -> user.devices().stream())
        .limit(options.spreadDevices())
        .toList();
    log("spread: %d devices over %d generator processes and %d edges", devices.size(), options.generators(),
        edges.size());
    SpreadConnections.Result result = new SpreadConnections(run.sampler(), options.serversMemory(),
        options.redisHost(), options.redisPort()).run(devices, edges, options.generators());
    log("  %s", result);
    report.spread(result);
  }

  /** {@code name=1234} is a pid; {@code name=some text} is the first process whose command line has the text. */
  private static Map<String, Long> resolvePids(Map<String, String> processes) {
    Map<String, Long> pids = new LinkedHashMap<>();
    processes.forEach((name, where) -> {
      if (where.matches("\\d+")) {
        pids.put(name, Long.parseLong(where));
      } else {
        ProcessSampler.findPid(where).ifPresentOrElse(pid -> pids.put(name, pid),
            () -> log("no process matches '%s' (%s): its CPU is not reported", where, name));
      }
    });
    return pids;
  }

  static void log(String format, Object... values) {
    System.out.printf("[bench] " + format + "%n", values);
  }
}
