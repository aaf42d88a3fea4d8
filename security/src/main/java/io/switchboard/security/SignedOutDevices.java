package io.switchboard.security;

import io.switchboard.storage.device.DeviceDirectory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A token stops working the moment its device is signed out: every call looks the device up (one read by
 * primary key), rather than waiting for the token to expire.
 */
@Component
class SignedOutDevices implements DeviceRevocations {

  private final DeviceDirectory devices;

  SignedOutDevices(DeviceDirectory devices) {
    this.devices = devices;
  }

  @Override
  public Mono<Boolean> isRevoked(AuthenticatedDevice device) {
    return devices.isActive(device.userId(), device.deviceId()).map(active -> !active);
  }
}
