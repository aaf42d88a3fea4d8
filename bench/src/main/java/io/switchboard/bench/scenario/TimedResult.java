package io.switchboard.bench.scenario;

import io.switchboard.bench.measure.DeliveryLedger;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A scenario measured by how long devices took to be whole again (offline catch-up, reconnect storm): per-device
 * times from the moment they set out to the moment they held everything, and the delivery counts.
 */
public record TimedResult(
    String scenario,
    String label,
    int devices,
    Histogram perDeviceMillis,
    double allDoneMillis,
    DeliveryLedger.Counts counts,
    Map<String, Double> averageCpuPercent,
    double load) {

  /** The same result, its label prefixed (which round of several it was). */
  public TimedResult labelled(String prefix) {
    return new TimedResult(scenario, prefix + label, devices, perDeviceMillis, allDoneMillis, counts,
        averageCpuPercent, load);
  }

  public double percentileMillis(double percentile) {
    return perDeviceMillis.getTotalCount() == 0 ? Double.NaN : perDeviceMillis.getValueAtPercentile(percentile);
  }
}
