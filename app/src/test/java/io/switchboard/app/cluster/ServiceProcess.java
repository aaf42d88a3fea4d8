package io.switchboard.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Switchboard service run from its packaged jar as its own process, its output in a log file. */
final class ServiceProcess {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java <jvmOptions> -jar jar <arguments> --server.port=port}. */
  static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments,
      Path logDirectory) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    command.add("--server.port=" + port);
    try {
      Files.createDirectories(logDirectory);
      Path log = logDirectory.resolve(name + ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new ServiceProcess(name, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code /actuator/health/readiness} answers 200; fails with the log's tail otherwise. */
  void awaitReady(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (readinessStatus() == 200) {
        return;
      }
      sleep(250);
    }
    throw new IllegalStateException(name + " not ready within " + limit + ":\n" + logTail());
  }

  /** The readiness endpoint's status code, or -1 if it does not answer. */
  int readinessStatus() {
    try {
      HttpRequest request = HttpRequest.newBuilder(base().resolve("/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(3)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * SIGTERM, as an orchestrator asks a service to stop; true if it exited within the limit. If it did not, its
   * threads are dumped into its log, for the report.
   */
  boolean stop(Duration limit) {
    process.destroy();
    boolean exited = awaitExit(limit);
    if (!exited && !limit.isZero()) {
      dumpThreads();
    }
    return exited;
  }

  void dumpThreads() {
    Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
    try {
      Process dump = new ProcessBuilder(jstack.toString(), String.valueOf(process.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      dump.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no thread dump, then
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: the process dies at once, without any chance to say goodbye. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  boolean awaitExit(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 400), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e + ")";
    }
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
