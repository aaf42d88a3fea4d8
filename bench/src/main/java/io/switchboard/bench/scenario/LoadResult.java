package io.switchboard.bench.scenario;

import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.measure.ProcessSampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** One load step: what was asked, what was delivered and how fast, and what it cost each process. */
public record LoadResult(
    String scenario,
    String label,
    double targetRate,
    double sendSeconds,
    DeliveryLedger.Counts counts,
    Histogram latencyMicros,
    List<Second> timeline,
    Map<String, Double> averageCpuPercent,
    double averageLoad) {

  /** One second of the run: deliveries in it, their p50/p99 in ms, and the machine's load. */
  public record Second(int second, long delivered, double p99Millis, double p50Millis, double load) {}

  public double percentileMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN
        : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double deliveredPerSecond() {
    return sendSeconds <= 0 ? 0 : counts.delivered() / sendSeconds;
  }

  static Map<String, Double> averageCpu(List<ProcessSampler.Sample> samples) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (ProcessSampler.Sample sample : samples) {
      for (ProcessSampler.ProcessUse use : sample.processes()) {
        sums.merge(use.name(), use.cpuPercent(), Double::sum);
      }
    }
    sums.replaceAll((name, sum) -> samples.isEmpty() ? 0 : sum / samples.size());
    return sums;
  }

  static double averageLoad(List<ProcessSampler.Sample> samples) {
    return samples.stream().mapToDouble(ProcessSampler.Sample::load).average().orElse(Double.NaN);
  }
}
