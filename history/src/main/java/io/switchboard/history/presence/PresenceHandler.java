package io.switchboard.history.presence;

import io.switchboard.history.RequestParameters;
import io.switchboard.presence.PresenceLookup;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.security.AuthenticatedDevice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * GET /api/presence?userIds=a,b,c — presence of up to 100 users, for showing a group's members. Users the
 * caller shares no conversation with are left out of the answer, like unknown ids: nothing is learnt of them.
 */
@Component
public class PresenceHandler {

  private final PresenceLookup lookup;

  PresenceHandler(PresenceLookup lookup) {
    this.lookup = lookup;
  }

  public Mono<ServerResponse> presence(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    List<String> userIds = request.queryParam("userIds").stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(userId -> !userId.isEmpty())
        .distinct()
        .toList();
    if (userIds.isEmpty() || userIds.size() > PresenceQueryFrame.MAX_USERS) {
      return Mono.error(RequestParameters.badRequest(
          "'userIds' must name between 1 and " + PresenceQueryFrame.MAX_USERS + " users, comma-separated"));
    }
    return lookup.visibleTo(caller.userId(), userIds)
        .map(state -> state.lastSeenAt() == null
            ? Map.of("userId", state.userId(), "status", state.status().wireName())
            : Map.of("userId", state.userId(), "status", state.status().wireName(),
                "lastSeenAt", state.lastSeenAt().toString()))
        .collectList()
        .flatMap(states -> ServerResponse.ok().bodyValue(Map.of("presence", states)));
  }
}
