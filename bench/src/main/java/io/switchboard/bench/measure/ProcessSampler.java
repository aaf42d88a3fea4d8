package io.switchboard.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads, from /proc, what every process in the run costs: CPU (user + system time) and resident memory, and the
 * machine's load. A benchmark on two shared cores means nothing without these beside each figure.
 */
public final class ProcessSampler {

  /** Linux reports process times in clock ticks; 100 per second on every kernel this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Long> pids;
  private final Map<String, Long> lastTicks = new LinkedHashMap<>();
  private long lastSampleNanos;

  /** {@code pids} by the name the report gives each process. */
  public ProcessSampler(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
    this.pids.put("load generator", ProcessHandle.current().pid());
    reset();
  }

  public Map<String, Long> pids() {
    return pids;
  }

  /** Starts a new measuring interval. */
  public void reset() {
    lastSampleNanos = System.nanoTime();
    pids.forEach((name, pid) -> lastTicks.put(name, cpuTicks(pid).orElse(0)));
  }

  /** CPU of each process since the last sample (100 % = one core busy), and their memory now. */
  public Sample sample() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-3, (now - lastSampleNanos) / 1e9);
    List<ProcessUse> uses = new ArrayList<>();
    pids.forEach((name, pid) -> {
      long ticks = cpuTicks(pid).orElse(0);
      long before = lastTicks.getOrDefault(name, ticks);
      lastTicks.put(name, ticks);
      double cpuPercent = 100.0 * (ticks - before) / TICKS_PER_SECOND / seconds;
      uses.add(new ProcessUse(name, pid, cpuPercent, residentKib(pid).orElse(0)));
    });
    lastSampleNanos = now;
    return new Sample(uses, loadAverage());
  }

  public static OptionalLong residentKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended or this is not Linux: the report shows no figure rather than a wrong one
    }
    return OptionalLong.empty();
  }

  static OptionalLong cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may hold spaces; fields after its closing parenthesis are fixed
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    } catch (IOException | RuntimeException gone) {
      return OptionalLong.empty();
    }
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException notLinux) {
      return Double.NaN;
    }
  }

  /** The first process whose command line contains {@code marker}, other than this one. */
  public static OptionalLong findPid(String marker) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.pid() != ProcessHandle.current().pid())
        .filter(process -> commandLine(process.pid()).contains(marker))
        .mapToLong(ProcessHandle::pid)
        .findFirst();
  }

  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  public record ProcessUse(String name, long pid, double cpuPercent, long residentKib) {}

  public record Sample(List<ProcessUse> processes, double load) {}
}
