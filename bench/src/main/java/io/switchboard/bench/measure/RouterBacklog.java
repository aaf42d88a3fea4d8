package io.switchboard.bench.measure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The router's inbound queue as the server's own metrics report it ({@code /actuator/prometheus}). A step run
 * past the server's capacity leaves commands queued; the next scenario would otherwise measure their tail
 * instead of itself, so each scenario starts by waiting for the queue to empty.
 */
public final class RouterBacklog {

  private static final Pattern DEPTH = Pattern.compile(
      "^switchboard_broker_queue_depth\\{[^}]*queue=\"switchboard\\.router\\.inbound\"[^}]*\\} ([0-9.eE+]+)$",
      Pattern.MULTILINE);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI metrics;

  public RouterBacklog(URI target) {
    this.metrics = target.resolve("/actuator/prometheus");
  }

  /** Commands waiting for the router now; empty if the server does not say (metrics off, another layout). */
  public OptionalLong depth() {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher found = DEPTH.matcher(response.body());
      return response.statusCode() == 200 && found.find()
          ? OptionalLong.of((long) Double.parseDouble(found.group(1)))
          : OptionalLong.empty();
    } catch (java.io.IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /**
   * Waits, at most {@code longest}, until the queue is empty. Returns what was queued when it started and
   * how long the wait took, for the report.
   */
  public Settled settle(Duration longest) {
    long start = System.nanoTime();
    OptionalLong first = depth();
    OptionalLong now = first;
    while (now.isPresent() && now.getAsLong() > 0 && System.nanoTime() - start < longest.toNanos()) {
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      now = depth();
    }
    return new Settled(first, now, Duration.ofNanos(System.nanoTime() - start));
  }

  /** What was queued before, what is left, and the time waited. */
  public record Settled(OptionalLong before, OptionalLong left, Duration waited) {

    public boolean hadBacklog() {
      return before.isPresent() && before.getAsLong() > 0;
    }

    @Override
    public String toString() {
      return String.format("router queue: %s commands queued, waited %.1f s, %s left",
          before.isPresent() ? String.format("%,d", before.getAsLong()) : "unknown", waited.toMillis() / 1000.0,
          left.isPresent() ? String.format("%,d", left.getAsLong()) : "unknown");
    }
  }
}
