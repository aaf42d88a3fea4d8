package io.switchboard.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.router.routing.RoutingOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * What the router counts (exposed at {@code /actuator/prometheus}): sends by outcome, how long a send took
 * from the edge receiving it to the router having stored it and had every delivery confirmed by the broker,
 * and how that time divides into stages ({@link Stage}), so a slow tail can be put on the database or the broker.
 */
@Component
public class RouterMetrics {

  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;
  private final Timer routing;
  private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);

  /**
   * The stages of one stored message, in order; together the first four make up {@code switchboard.router.latency}.
   */
  public enum Stage {
    /** From the edge receiving the send to its lane here starting on it: the edge's publish, the queue, the lane. */
    QUEUED("queued"),
    /** Membership checked, sequence number taken, message inserted. */
    STORED("stored"),
    /** The sender's own read watermark moved to the message. */
    SENDER_READ("sender_read"),
    /** Deliveries to the members, the sender's answer among them, published and confirmed by the broker. */
    PUBLISHED("published"),
    /**
     * After the others, not part of {@code switchboard.router.latency}: the search event and push events
     * confirmed (durable queues: the broker's disk). The lane is on its next messages meanwhile; the send
     * command is acknowledged when this is done.
     */
    ANNOUNCED("announced");

    private final String tag;

    Stage(String tag) {
      this.tag = tag;
    }
  }

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
    for (Stage stage : Stage.values()) {
      stages.put(stage, Timer.builder("switchboard.router.stage")
          .description("one stage of a stored message's time in the router (see switchboard.router.latency)")
          .tag("stage", stage.tag)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .register(registry));
    }
  }

  /** How long one stage of a message stored now took, in nanoseconds. */
  public void stage(Stage stage, long nanos) {
    stages.get(stage).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A send whose outcome is published: counted by outcome; if it was stored now, timed in all, and its first
   * stage (edge receipt to {@code laneStartedAt}, edge and router clocks: keep them in sync) and last
   * ({@code publishNanos}) recorded; the router records the stages between.
   */
  public void routed(SendCommand command, RoutingOutcome outcome, Instant laneStartedAt, long publishNanos) {
    if (outcome instanceof RoutingOutcome.Routed routed) {
      if (routed.duplicate()) {
        duplicates.increment();
        return;
      }
      accepted.increment();
      stage(Stage.PUBLISHED, publishNanos);
      if (command.receivedAt() != null) {
        Duration took = Duration.between(command.receivedAt(), Instant.now());
        Duration queued = Duration.between(command.receivedAt(), laneStartedAt);
        if (!took.isNegative()) {
          routing.record(took);
        }
        if (!queued.isNegative()) {
          stages.get(Stage.QUEUED).record(queued);
        }
      }
    } else {
      rejected.increment();
    }
  }

  /** How long a message stored now took to be announced (its {@link Stage#ANNOUNCED} stage), in nanoseconds. */
  public void announced(RoutingOutcome outcome, long nanos) {
    if (outcome.storedNow()) {
      stage(Stage.ANNOUNCED, nanos);
    }
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("switchboard.router.messages")
        .description("send commands the router finished, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
