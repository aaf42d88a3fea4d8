package io.switchboard.edge.metrics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.edge.session.DeviceSessions;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * What an edge counts for its operators (exposed at {@code /actuator/prometheus}): connected devices, frames
 * in and out by their wire type, messages written to devices, and how long after being stored a message
 * reached a device's socket.
 */
@Component
public class EdgeMetrics {

  /** Inbound frames that could not be read as any frame type. */
  public static final String UNREADABLE = "unreadable";

  private final MeterRegistry registry;
  private final Map<Class<?>, String> wireTypes = new ConcurrentHashMap<>();
  private final Map<String, Counter> framesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> framesOut = new ConcurrentHashMap<>();
  private final Counter delivered;
  private final Timer deliveryLatency;
  private final Timer catchUp;

  public EdgeMetrics(MeterRegistry registry, DeviceSessions sessions) {
    this.registry = registry;
    wireTypesOf(ClientFrame.class);
    wireTypesOf(ServerFrame.class);
    Gauge.builder("switchboard.edge.connections", sessions, DeviceSessions::connectedDevices)
        .description("devices with an open socket on this edge")
        .register(registry);
    this.delivered = Counter.builder("switchboard.edge.messages.delivered")
        .description("message frames written to device sockets (live and catch-up)")
        .register(registry);
    this.deliveryLatency = Timer.builder("switchboard.edge.delivery.latency")
        .description("from the router storing a live message to this edge writing it to a device's socket")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    this.catchUp = Timer.builder("switchboard.edge.catchup.duration")
        .description("from a socket opening to its synced frame: the user's binding, and the backlog read and sent")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry);
  }

  public void frameIn(ClientFrame frame) {
    count(framesIn, "switchboard.edge.frames.in", frame == null ? UNREADABLE : wireType(frame.getClass()));
  }

  /**
   * A counter for one socket's outgoing frames, made as the socket opens: messages after its "synced" frame are
   * live, and only those say anything about delivery latency (a catch-up message may have been stored days ago);
   * the time to that frame is the socket's catch-up.
   */
  public Consumer<ServerFrame> socketCounter() {
    long openedAt = System.nanoTime();
    AtomicBoolean live = new AtomicBoolean();
    return frame -> {
      if (frame instanceof SyncedFrame) {
        live.set(true);
        catchUp.record(System.nanoTime() - openedAt, TimeUnit.NANOSECONDS);
      }
      frameOut(frame, live.get());
    };
  }

  private void frameOut(ServerFrame frame, boolean live) {
    count(framesOut, "switchboard.edge.frames.out", wireType(frame.getClass()));
    if (frame instanceof MessageFrame message) {
      delivered.increment();
      if (live) {
        Duration sinceStored = Duration.between(message.message().sentAt(), Instant.now());
        if (!sinceStored.isNegative()) {
          deliveryLatency.record(sinceStored);
        }
      }
    }
  }

  private void count(Map<String, Counter> counters, String name, String type) {
    counters.computeIfAbsent(type, key -> Counter.builder(name).tag("type", key).register(registry)).increment();
  }

  private String wireType(Class<?> frameClass) {
    return wireTypes.getOrDefault(frameClass, frameClass.getSimpleName());
  }

  /** The wire names are the ones the JSON codec uses, so dashboards speak the protocol's words. */
  private void wireTypesOf(Class<?> base) {
    for (JsonSubTypes.Type type : base.getAnnotation(JsonSubTypes.class).value()) {
      wireTypes.put(type.value(), type.name());
    }
  }
}
