package io.switchboard.bench.report;

import io.switchboard.bench.scenario.IdleConnections;
import io.switchboard.bench.scenario.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn headless to PNG with JFreeChart. */
final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 450;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** p50, p99 and p99.9 against the offered rate, one line each. */
  static void latencyAgainstRate(List<LoadResult> steps, Path file) throws IOException {
    XYSeries p50 = new XYSeries("p50");
    XYSeries p99 = new XYSeries("p99");
    XYSeries p999 = new XYSeries("p99.9");
    for (LoadResult step : steps) {
      p50.add(step.targetRate(), step.percentileMillis(50));
      p99.add(step.targetRate(), step.percentileMillis(99));
      p999.add(step.targetRate(), step.percentileMillis(99.9));
    }
    save(ChartFactory.createXYLineChart("1-1 delivery latency against offered rate", "messages sent per second",
        "latency (ms)", collection(p50, p99, p999), PlotOrientation.VERTICAL, true, false, false), file);
  }

  /** Deliveries per second over each step's run. */
  static void throughputOverTime(List<LoadResult> steps, Path file) throws IOException {
    XYSeriesCollection series = new XYSeriesCollection();
    for (LoadResult step : steps) {
      XYSeries line = new XYSeries(step.label());
      step.timeline().forEach(second -> line.add(second.second(), second.delivered()));
      series.addSeries(line);
    }
    save(ChartFactory.createXYLineChart("Deliveries per second over time", "second of the run",
        "deliveries in that second", series, PlotOrientation.VERTICAL, true, false, false), file);
  }

  /** Edge memory per connected device (resident size and live heap), at each step of the idle scenario. */
  static void memoryPerConnection(List<IdleConnections.Step> steps, Path file) throws IOException {
    XYSeries resident = new XYSeries("edge RSS growth, KiB per device");
    XYSeries live = new XYSeries("edge live heap growth (after full GC), KiB per device");
    IdleConnections.Step base = steps.get(0);
    for (IdleConnections.Step step : steps.subList(1, steps.size())) {
      resident.add(step.connections(), (step.edgeResidentKib() - base.edgeResidentKib()) / (double) step.connections());
      if (step.edgeHeapLiveKib().isPresent() && base.edgeHeapLiveKib().isPresent()) {
        live.add(step.connections(), (step.edgeHeapLiveKib().getAsLong() - base.edgeHeapLiveKib().getAsLong())
            / (double) step.connections());
      }
    }
    save(ChartFactory.createXYLineChart("Edge memory per idle connection", "connected devices",
        "KiB per device (growth / devices)", collection(resident, live), PlotOrientation.VERTICAL, true, false,
        false), file);
  }

  private static XYSeriesCollection collection(XYSeries... series) {
    XYSeriesCollection collection = new XYSeriesCollection();
    for (XYSeries one : series) {
      collection.addSeries(one);
    }
    return collection;
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
