package io.switchboard.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.router.routing.RoutingOutcome;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What the router counts (exposed at {@code /actuator/prometheus}): sends by outcome, and how long a send took
 * from the edge receiving it to the router having stored it and had every delivery confirmed by the broker.
 */
@Component
public class RouterMetrics {

  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;
  private final Timer routing;

  public RouterMetrics(MeterRegistry registry) {
    this.accepted = outcome(registry, "accepted");
    this.duplicates = outcome(registry, "duplicate");
    this.rejected = outcome(registry, "rejected");
    this.routing = Timer.builder("switchboard.router.latency")
        .description("from the edge receiving a send to its message stored and every delivery confirmed")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /** A send whose outcome is published: counted by outcome, timed if it was stored now. */
  public void routed(SendCommand command, RoutingOutcome outcome) {
    if (outcome instanceof RoutingOutcome.Routed routed) {
      if (routed.duplicate()) {
        duplicates.increment();
        return;
      }
      accepted.increment();
      if (command.receivedAt() != null) {
        Duration took = Duration.between(command.receivedAt(), Instant.now());
        if (!took.isNegative()) {
          routing.record(took);
        }
      }
    } else {
      rejected.increment();
    }
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("switchboard.router.messages")
        .description("send commands the router finished, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
