package io.switchboard.bench.measure;

import io.switchboard.client.HttpAnswer;
import io.switchboard.client.SwitchboardHttp;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The edge's own timing of catch-ups (a socket opening to its "synced" frame), read from its metrics before and
 * after a step: the server's share of a reconnect, apart from the load generator's, which opens its sockets on the
 * same two cores and can take as long again.
 */
public final class ServerCatchUp {

  private static final String METRIC = "/actuator/metrics/switchboard.edge.catchup.duration";

  private final SwitchboardHttp http;

  public ServerCatchUp(SwitchboardHttp http) {
    this.http = http;
  }

  /** Catch-ups so far and their total time; empty if the server does not say (metrics off, an older server). */
  public Optional<Snapshot> read() {
    try {
      HttpAnswer answer = http.get(METRIC, null);
      if (answer.status() != 200 || answer.body() == null) {
        return Optional.empty();
      }
      long count = -1;
      double totalSeconds = -1;
      for (JsonNode measurement : answer.body().path("measurements")) {
        String statistic = measurement.path("statistic").asText();
        if (statistic.equals("COUNT")) {
          count = measurement.path("value").asLong();
        } else if (statistic.equals("TOTAL_TIME")) {
          totalSeconds = measurement.path("value").asDouble();
        }
      }
      return count < 0 || totalSeconds < 0 ? Optional.empty() : Optional.of(new Snapshot(count, totalSeconds));
    } catch (RuntimeException unreachable) {
      return Optional.empty();
    }
  }

  /** How the step's catch-ups read on the server, for the report; empty if either reading is missing. */
  public static String describe(Optional<Snapshot> before, Optional<Snapshot> after) {
    if (before.isEmpty() || after.isEmpty() || after.get().count() <= before.get().count()) {
      return "";
    }
    long sockets = after.get().count() - before.get().count();
    double meanMillis = (after.get().totalSeconds() - before.get().totalSeconds()) * 1000 / sockets;
    return String.format(" (the edge's own time, socket open to synced: mean %.0f ms over %d sockets)",
        meanMillis, sockets);
  }

  public record Snapshot(long count, double totalSeconds) {}
}
