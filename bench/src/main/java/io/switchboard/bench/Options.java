package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, from {@code --name value} arguments. Defaults are the targets of issue #10 (2,000
 * users, 60 s steps, 15,000 idle connections); {@code --quick} shrinks everything for a smoke run.
 */
record Options(
    String target,
    Set<String> scenarios,
    int users,
    int devicesPerUser,
    List<Double> rates,
    Duration stepDuration,
    Duration warmUp,
    int groupSize,
    double groupRate,
    int catchUpUsers,
    int catchUpMessages,
    int catchUpWarmUpRounds,
    int catchUpRounds,
    int idleDevices,
    double stormRate,
    int spreadDevices,
    int generators,
    Map<String, String> edges,
    Map<String, String> processes,
    boolean serversMemory,
    String redisHost,
    int redisPort,
    Path markdown,
    Path images,
    String setup) {

  static Options parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      if ("--quick".equals(args[i])) {
        quick = true;
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        given.put(args[i].substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; see docs/performance.md (Reproduce)");
      }
    }
    Map<String, String> processes = namedList(given.getOrDefault("processes", ""));
    return new Options(
        given.getOrDefault("target", "http://127.0.0.1:8080"),
        Set.copyOf(Arrays.asList(given.getOrDefault("scenarios", "steady,group,catchup,idle,storm").split(","))),
        Integer.parseInt(given.getOrDefault("users", quick ? "100" : "2000")),
        Integer.parseInt(given.getOrDefault("devices", "1")),
        Arrays.stream(given.getOrDefault("rates", quick ? "100,200" : "250,500,1000,2000,4000").split(","))
            .map(Double::parseDouble).toList(),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration", quick ? "5" : "60"))),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("warmup", quick ? "5" : "180"))),
        Integer.parseInt(given.getOrDefault("group-size", quick ? "10" : "50")),
        Double.parseDouble(given.getOrDefault("group-rate", "20")),
        Integer.parseInt(given.getOrDefault("catchup-users", quick ? "20" : "100")),
        Integer.parseInt(given.getOrDefault("catchup-messages", "10")),
        Integer.parseInt(given.getOrDefault("catchup-warmup", quick ? "0" : "3")),
        Integer.parseInt(given.getOrDefault("catchup-rounds", quick ? "1" : "5")),
        Integer.parseInt(given.getOrDefault("idle", quick ? "200" : "15000")),
        Double.parseDouble(given.getOrDefault("storm-rate", quick ? "20" : "50")),
        Integer.parseInt(given.getOrDefault("spread", quick ? "400" : "30000")),
        Integer.parseInt(given.getOrDefault("generators", "2")),
        namedList(given.getOrDefault("edges", "")),
        processes,
        !"no".equals(given.getOrDefault("servers-memory", "yes")),
        given.getOrDefault("redis-host", "127.0.0.1"),
        Integer.parseInt(given.getOrDefault("redis-port", "6379")),
        Path.of(given.getOrDefault("out", "target/bench/latest-run.md")),
        Path.of(given.getOrDefault("images", "target/bench/images")),
        given.getOrDefault("setup", "Setup not described (pass --setup)."));
  }

  /** {@code a=x,b=y} in order; the value may itself hold '=' (only the first one splits). */
  private static Map<String, String> namedList(String text) {
    Map<String, String> named = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (!entry.isBlank()) {
        String[] nameAndValue = entry.split("=", 2);
        if (nameAndValue.length != 2) {
          throw new IllegalArgumentException("expected name=value in '" + entry + "'");
        }
        named.put(nameAndValue[0], nameAndValue[1]);
      }
    }
    return named;
  }

  boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }
}
