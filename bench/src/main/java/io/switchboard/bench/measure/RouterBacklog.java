package io.switchboard.bench.measure;

import io.switchboard.client.HttpAnswer;
import io.switchboard.client.SwitchboardHttp;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * The router's inbound queue as the server's own metrics report it (the actuator's metrics endpoint). A step
 * run past the server's capacity leaves commands queued; the next scenario would otherwise measure their tail
 * instead of itself, so each scenario starts by waiting for the queue to empty.
 */
public final class RouterBacklog {

  private static final String INBOUND_DEPTH =
      "/actuator/metrics/switchboard.broker.queue.depth?tag=queue:switchboard.router.inbound";

  private final SwitchboardHttp http;

  public RouterBacklog(SwitchboardHttp http) {
    this.http = http;
  }

  /** Commands waiting for the router now; empty if the server does not say (metrics off, another layout). */
  public OptionalLong depth() {
    try {
      HttpAnswer answer = http.get(INBOUND_DEPTH, null);
      JsonNode value = answer.status() == 200 && answer.body() != null
          ? answer.body().path("measurements").path(0).path("value")
          : null;
      // -1: the gauge has not heard from the broker yet
      return value != null && value.isNumber() && value.asLong() >= 0
          ? OptionalLong.of(value.asLong())
          : OptionalLong.empty();
    } catch (RuntimeException unreachable) {
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
