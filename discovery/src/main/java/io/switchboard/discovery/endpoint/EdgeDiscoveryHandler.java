package io.switchboard.discovery.endpoint;

import io.switchboard.discovery.EdgeChoice;
import io.switchboard.discovery.EdgeDirectory;
import io.switchboard.discovery.EdgeInstance;
import io.switchboard.discovery.LocalEdge;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/discovery/edge?zone=…}: the edge a client should open its socket on. With ZooKeeper, the
 * least loaded registered edge of the client's zone (any zone if it has none); without ZooKeeper, the edge
 * of this very process (the all-in-one launcher) at the address the client asked.
 */
@Component
class EdgeDiscoveryHandler {

  /** A zone is a short name: letters, digits, {@code . _ -}. */
  static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Optional<EdgeDirectory> directory;
  private final Optional<LocalEdge> localEdge;

  EdgeDiscoveryHandler(ObjectProvider<EdgeDirectory> directory, ObjectProvider<LocalEdge> localEdge) {
    this.directory = Optional.ofNullable(directory.getIfAvailable());
    this.localEdge = Optional.ofNullable(localEdge.getIfAvailable());
  }

  Mono<ServerResponse> bestEdge(ServerRequest request) {
    String zone = request.queryParam("zone").filter(value -> !value.isEmpty()).orElse(null);
    if (zone != null && !ZONE.matcher(zone).matches()) {
      return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "zone is 1 to 64 letters, digits, '.', '_' or '-'"));
    }
    Optional<EdgeInstance> best;
    if (directory.isPresent()) {
      best = EdgeChoice.best(directory.get().edges(), zone);
    } else if (localEdge.isPresent()) {
      LocalEdge edge = localEdge.get();
      best = Optional.of(new EdgeInstance(edge.edgeId(), sameOriginSocket(request.uri()), edge.zone(),
          edge.connections()));
    } else {
      return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
          "discovery is off here: set switchboard.discovery.zookeeper"));
    }
    return best
        .map(edge -> ServerResponse.ok().bodyValue(edge))
        .orElseGet(() -> Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
            "no edge is registered right now; ask again shortly")));
  }

  private static String sameOriginSocket(URI asked) {
    String scheme = "https".equals(asked.getScheme()) ? "wss" : "ws";
    return scheme + "://" + asked.getRawAuthority() + "/ws";
  }
}
