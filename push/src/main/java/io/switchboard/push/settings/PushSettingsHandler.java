package io.switchboard.push.settings;

import io.switchboard.security.AuthenticatedDevice;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code /api/push/settings} (hide content) and {@code /api/push/muted/{conversationId}} (mute, unmute): the
 * caller's own choices, read by the push workers before each notification.
 */
@Component
class PushSettingsHandler {

  private final PushSettingsStore settings;

  PushSettingsHandler(PushSettingsStore settings) {
    this.settings = settings;
  }

  Mono<ServerResponse> get(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return settings.of(caller.userId()).flatMap(PushSettingsHandler::ok);
  }

  Mono<ServerResponse> put(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return request.bodyToMono(SettingsChange.class)
        .onErrorMap(ServerWebInputException.class,
            malformed -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body is not JSON of the expected shape"))
        .filter(change -> change.hideContent() != null)
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "hideContent (true or false) is required")))
        .flatMap(change -> settings.setHideContent(caller.userId(), change.hideContent()))
        .then(settings.of(caller.userId()))
        .flatMap(PushSettingsHandler::ok);
  }

  Mono<ServerResponse> mute(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return settings.mute(caller.userId(), request.pathVariable("conversationId")).then(ServerResponse.noContent().build());
  }

  Mono<ServerResponse> unmute(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return settings.unmute(caller.userId(), request.pathVariable("conversationId")).then(ServerResponse.noContent().build());
  }

  private static Mono<ServerResponse> ok(PushSettings current) {
    return ServerResponse.ok().bodyValue(Map.of(
        "hideContent", current.hideContent(), "mutedConversations", new TreeSet<>(current.mutedConversations())));
  }

  record SettingsChange(Boolean hideContent) {}
}
