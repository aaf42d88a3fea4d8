package io.switchboard.push.target;

import io.switchboard.push.PushProperties;
import io.switchboard.security.AuthenticatedDevice;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** {@code /api/push/targets}: register, list and unregister the caller's push targets. */
@Component
class PushTargetHandler {

  private final PushTargetStore targets;
  private final PushProperties.WebPush webPush;

  PushTargetHandler(PushTargetStore targets, PushProperties properties) {
    this.targets = targets;
    this.webPush = properties.webPush();
  }

  Mono<ServerResponse> register(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return request.bodyToMono(TargetRegistration.class)
        .onErrorMap(ServerWebInputException.class,
            malformed -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body is not JSON of the expected shape"))
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "A JSON body is required")))
        .map(registration -> {
          try {
            PushTarget target = registration.toTarget(caller.userId(), caller.deviceId());
            if (target.provider() == ProviderKind.WEB_PUSH
                && !webPush.allowsEndpointHost(URI.create(target.address()).getHost())) {
              throw new IllegalArgumentException("endpoint is not on a known push service");
            }
            return target;
          } catch (IllegalArgumentException invalid) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, invalid.getMessage());
          }
        })
        .flatMap(target -> targets.save(target).thenReturn(target))
        .flatMap(target -> ServerResponse.status(HttpStatus.CREATED).bodyValue(view(target)));
  }

  /**
   * What a browser needs to subscribe: the VAPID public key (base64url, uncompressed P-256 point) when Web Push
   * is configured, {@code "webPush": null} when it is not, so the page never asks the user for nothing.
   */
  Mono<ServerResponse> config(ServerRequest request) {
    AuthenticatedDevice.require(request.exchange());
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("webPush", webPush.configured() ? Map.of("vapidPublicKey", webPush.publicKey()) : null);
    return ServerResponse.ok().bodyValue(body);
  }

  Mono<ServerResponse> list(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return targets.ofUser(caller.userId()).map(PushTargetHandler::view).collectList()
        .flatMap(all -> ServerResponse.ok().bodyValue(Map.of("targets", all)));
  }

  Mono<ServerResponse> unregister(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return targets.remove(caller.userId(), request.pathVariable("targetId"))
        .flatMap(removed -> removed
            ? ServerResponse.noContent().build()
            : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such push target of yours")));
  }

  /** What a client sees of a target: never the Web Push keys back. */
  private static Map<String, String> view(PushTarget target) {
    return Map.of("targetId", target.targetId(), "provider", target.provider().wireName(),
        "deviceId", target.deviceId() == null ? "" : target.deviceId());
  }
}
