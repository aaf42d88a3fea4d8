package io.switchboard.bench.spread;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.HeapAfterGc;
import io.switchboard.bench.measure.ProcessSampler;
import io.switchboard.bench.measure.ServerMemory;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Idle connections beyond what one process holds: the devices are spread over several {@link SocketHolder}
 * processes, each connecting to one of several edges. Generator {@code k} dials its edge at the loopback address
 * {@code 127.0.0.(k+1)} rather than 127.0.0.1, so each generator has a port range of its own towards each edge
 * (varying the destination address instead of the source: the kernel keys its ephemeral ports on the whole address
 * pair, so the effect is the same). Each edge's memory is read
 * before and after, and divided by the devices it holds.
 */
public final class SpreadConnections {

  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final String HOLDER_HEAP = "-Xmx1g";

  /** One edge process: where devices connect, and its pid for memory readings. */
  public record Edge(String name, URI socketUrl, long pid) {}

  /** What one edge holds and what it cost: live heap after a full collection, and resident size. */
  public record EdgeReading(String name, int devices, OptionalLong heapBeforeKib, OptionalLong heapAfterKib,
      OptionalLong residentBeforeKib, OptionalLong residentAfterKib) {}

  /** The whole spread: how many generators and devices, what each edge and each shared server paid. */
  public record Result(int generators, int held, int failed, long connectMillis, List<EdgeReading> edges,
      OptionalLong rabbitMqBeforeBytes, OptionalLong rabbitMqAfterBytes, OptionalLong redisBeforeBytes,
      OptionalLong redisAfterBytes, double load) {}

  private final ProcessSampler sampler;
  private final boolean serversMemory;
  private final String redisHost;
  private final int redisPort;

  public SpreadConnections(ProcessSampler sampler, boolean serversMemory, String redisHost, int redisPort) {
    this.sampler = sampler;
    this.serversMemory = serversMemory;
    this.redisHost = redisHost;
    this.redisPort = redisPort;
  }

  public Result run(List<BenchDevice> devices, List<Edge> edges, int generators) {
    Map<Edge, Reading> before = new LinkedHashMap<>();
    edges.forEach(edge -> before.put(edge, Reading.of(edge.pid())));
    OptionalLong rabbitBefore = serversMemory ? ServerMemory.rabbitMqBytes() : OptionalLong.empty();
    OptionalLong redisBefore = serversMemory ? ServerMemory.redisBytes(redisHost, redisPort) : OptionalLong.empty();

    List<List<BenchDevice>> shares = new ArrayList<>();
    for (int k = 0; k < generators; k++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < devices.size(); i++) {
      shares.get(i % generators).add(devices.get(i));
    }
    long started = System.nanoTime();
    List<Holder> holders = new ArrayList<>();
    try {
      for (int k = 0; k < generators; k++) {
        Edge edge = edges.get(k % edges.size());
        holders.add(Holder.start(k, edge, dialled(edge.socketUrl(), k), shares.get(k)));
      }
      List<Held> answers = holders.stream().map(Holder::awaitHeld).toList();
      int held = answers.stream().mapToInt(Held::held).sum();
      int failed = answers.stream().mapToInt(Held::failed).sum();
      long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      LockSupport.parkNanos(SETTLE_NANOS);

      List<EdgeReading> readings = new ArrayList<>();
      for (Edge edge : edges) {
        int onEdge = answers.stream().filter(answer -> answer.edge().equals(edge)).mapToInt(Held::held).sum();
        Reading after = Reading.of(edge.pid());
        Reading first = before.get(edge);
        readings.add(new EdgeReading(edge.name(), onEdge, first.heapKib(), after.heapKib(), first.residentKib(),
            after.residentKib()));
      }
      return new Result(generators, held, failed, connectMillis, readings, rabbitBefore,
          serversMemory ? ServerMemory.rabbitMqBytes() : OptionalLong.empty(), redisBefore,
          serversMemory ? ServerMemory.redisBytes(redisHost, redisPort) : OptionalLong.empty(),
          sampler.sample().load());
    } finally {
      holders.forEach(Holder::stop);
    }
  }

  /** Generator {@code k} dials 127.0.0.(k+1) where the edge's address is this machine's loopback. */
  public static URI dialled(URI socketUrl, int generator) {
    String host = socketUrl.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      return socketUrl;
    }
    return URI.create(socketUrl.getScheme() + "://127.0.0." + (generator + 1) + ":" + socketUrl.getPort()
        + socketUrl.getRawPath());
  }

  /** One generator's answer: devices it holds (synced) on its edge, and devices that failed to connect. */
  private record Held(Edge edge, int held, int failed) {}

  /** Live heap after a full collection, and resident size, of one process. */
  private record Reading(OptionalLong heapKib, OptionalLong residentKib) {

    static Reading of(long pid) {
      OptionalLong heap = HeapAfterGc.liveKib(pid); // first: its collection also settles the resident size
      return new Reading(heap, ProcessSampler.residentKib(pid));
    }
  }

  /** One {@link SocketHolder} process, started with this JVM's java and class path (the bench's jar). */
  private static final class Holder {

    private final int number;
    private final Edge edge;
    private final Process process;

    private Holder(int number, Edge edge, Process process) {
      this.number = number;
      this.edge = edge;
      this.process = process;
    }

    static Holder start(int number, Edge edge, URI socketUrl, List<BenchDevice> devices) {
      try {
        Process process = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Writer toHolder = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        for (BenchDevice device : devices) {
          toHolder.write(socketUrl + " " + device.session().accessToken() + "\n");
        }
        toHolder.write("\n");
        toHolder.flush(); // its standard input stays open: closing it tells the holder to let go
        return new Holder(number, edge, process);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start generator process " + number, e);
      }
    }

    /**
     * This JVM's java on this JVM's class path: from the bench's runnable jar (nested jars) through Spring Boot's
     * launcher, from plain class folders and jars (the tests) directly.
     */
    private static List<String> command() {
      String java = ProcessHandle.current().info().command().orElse("java");
      String classPath = System.getProperty("java.class.path");
      if (classPath.endsWith("-exec.jar") && !classPath.contains(File.pathSeparator)) {
        return List.of(java, HOLDER_HEAP, "-cp", classPath, "-Dloader.main=" + SocketHolder.class.getName(),
            "org.springframework.boot.loader.launch.PropertiesLauncher");
      }
      return List.of(java, HOLDER_HEAP, "-cp", classPath, SocketHolder.class.getName());
    }

    /** Waits for the holder's "held n failed m" line. */
    Held awaitHeld() {
      try {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith(SocketHolder.READY_PREFIX)) {
            System.out.printf("[bench]   generator %d (pid %d): %s%n", number, process.pid(), line);
            String[] words = line.split(" ");
            return new Held(edge, Integer.parseInt(words[1]), Integer.parseInt(words[3]));
          }
        }
        throw new IllegalStateException("generator process " + number + " ended without holding its sockets (exit "
            + process.waitFor() + ")");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void stop() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
