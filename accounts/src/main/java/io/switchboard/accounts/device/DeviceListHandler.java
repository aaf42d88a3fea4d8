package io.switchboard.accounts.device;

import io.switchboard.security.AuthenticatedDevice;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The caller's own devices, so a user can see where they are signed in. */
@Component
public class DeviceListHandler {

  private final DeviceStore deviceStore;

  public DeviceListHandler(DeviceStore deviceStore) {
    this.deviceStore = deviceStore;
  }

  /** {@code GET /api/devices} */
  public Mono<ServerResponse> callersDevices(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return deviceStore
        .findByUser(caller.userId())
        .map(device -> DeviceView.of(device, caller.deviceId()))
        .collectList()
        .flatMap(views -> ServerResponse.ok().bodyValue(views));
  }
}
