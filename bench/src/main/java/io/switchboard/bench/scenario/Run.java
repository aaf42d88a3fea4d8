package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.device.Connector;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.bench.population.Population;
import io.switchboard.client.SocketLoop;
import io.switchboard.client.SwitchboardHttp;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every scenario of one benchmark run shares: the server, one socket loop for all sockets (a few
 * event-loop threads carry thousands of them), the population of users, and the process sampler.
 */
public final class Run implements AutoCloseable {

  private final SwitchboardHttp http;
  private final SocketLoop sockets = new SocketLoop();
  private final Population population;
  private final ProcessSampler sampler;
  private final Connector connector;
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "bench-timer");
    thread.setDaemon(true);
    return thread;
  });

  public Run(SwitchboardHttp http, ProcessSampler sampler) {
    this.http = http;
    this.population = new Population(http);
    this.sampler = sampler;
    this.connector = new Connector(sockets);
  }

  public SwitchboardHttp http() {
    return http;
  }

  public Population population() {
    return population;
  }

  public ProcessSampler sampler() {
    return sampler;
  }

  public Connector connector() {
    return connector;
  }

  /** Acknowledges what each device received, every quarter second, as a real client batches its acks. */
  public ScheduledFuture<?> acknowledgeEvery250ms(List<BenchDevice> devices) {
    return timers.scheduleAtFixedRate(() -> devices.forEach(BenchDevice::acknowledge), 250, 250,
        TimeUnit.MILLISECONDS);
  }

  public ScheduledExecutorService timers() {
    return timers;
  }

  @Override
  public void close() {
    timers.shutdownNow();
    sockets.close();
  }
}
