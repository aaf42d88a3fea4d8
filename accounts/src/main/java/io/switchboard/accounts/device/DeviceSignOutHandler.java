package io.switchboard.accounts.device;

import io.switchboard.broker.UserDeliveries;
import io.switchboard.protocol.broker.DeviceSignedOut;
import io.switchboard.security.AuthenticatedDevice;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code DELETE /api/devices/{deviceId}}: signs one of the caller's devices out (the caller's own included).
 * From then on its token is refused on every call, and the edge holding its socket closes it (4003).
 */
@Component
public class DeviceSignOutHandler {

  private final DeviceStore deviceStore;
  private final UserDeliveries userDeliveries;

  public DeviceSignOutHandler(DeviceStore deviceStore, UserDeliveries userDeliveries) {
    this.deviceStore = deviceStore;
    this.userDeliveries = userDeliveries;
  }

  public Mono<ServerResponse> signOut(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String deviceId = request.pathVariable("deviceId");
    return deviceStore.signOut(deviceId, caller.userId())
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "You have no signed-in device " + deviceId)))
        .flatMap(device -> userDeliveries.publish(new DeviceSignedOut(device.userId(), device.deviceId())))
        .then(ServerResponse.noContent().build());
  }
}
