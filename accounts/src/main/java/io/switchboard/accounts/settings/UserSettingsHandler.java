package io.switchboard.accounts.settings;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.JsonBodies;
import io.switchboard.presence.PresenceStore;
import io.switchboard.security.AuthenticatedDevice;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The caller's own settings. Today one: {@code showLastSeen}, whether others see when the caller was last
 * online. Kept with presence in Redis, where every edge reads it when it announces the caller offline.
 */
@Component
public class UserSettingsHandler {

  private static final String SHOW_LAST_SEEN = "showLastSeen";

  private final PresenceStore presence;

  UserSettingsHandler(PresenceStore presence) {
    this.presence = presence;
  }

  /** {@code GET /api/users/me/settings} */
  public Mono<ServerResponse> settings(ServerRequest request) {
    return answer(AuthenticatedDevice.require(request.exchange()).userId());
  }

  /** {@code PUT /api/users/me/settings {"showLastSeen": false}}; members left out keep their value. */
  public Mono<ServerResponse> change(ServerRequest request) {
    String userId = AuthenticatedDevice.require(request.exchange()).userId();
    return JsonBodies.read(request, SettingsChange.class)
        .flatMap(change -> change.showLastSeen() == null
            ? Mono.error(InvalidRequestException.field(SHOW_LAST_SEEN, "is required"))
            : presence.setShowLastSeen(userId, change.showLastSeen()))
        .then(Mono.defer(() -> answer(userId)));
  }

  private Mono<ServerResponse> answer(String userId) {
    return presence.showsLastSeen(userId)
        .flatMap(shows -> ServerResponse.ok().bodyValue(Map.of(SHOW_LAST_SEEN, shows)));
  }

  record SettingsChange(Boolean showLastSeen) {}
}
