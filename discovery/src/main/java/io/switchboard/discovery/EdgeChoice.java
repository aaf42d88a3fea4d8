package io.switchboard.discovery;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which edge a client should use: one in the client's zone if there is any, then the least loaded; equal
 * load is broken by id, so two clients asking at once are told the same and the next report evens it out.
 */
public final class EdgeChoice {

  private static final Comparator<EdgeInstance> LEAST_LOADED =
      Comparator.comparingInt(EdgeInstance::connections).thenComparing(EdgeInstance::edgeId);

  private EdgeChoice() {}

  /** {@code zone} may be null or blank: then every edge is as good, by load. */
  public static Optional<EdgeInstance> best(List<EdgeInstance> edges, String zone) {
    if (zone != null && !zone.isBlank()) {
      Optional<EdgeInstance> inZone = edges.stream()
          .filter(edge -> edge.zone().equals(zone))
          .min(LEAST_LOADED);
      if (inZone.isPresent()) {
        return inZone;
      }
    }
    return edges.stream().min(LEAST_LOADED);
  }
}
