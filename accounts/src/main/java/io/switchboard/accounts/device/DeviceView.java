package io.switchboard.accounts.device;

import java.time.Instant;

/** A device as its owner sees it in their device list; {@code current} marks the one asking. */
public record DeviceView(
    String deviceId, String name, String platform, Instant createdAt, Instant lastLoginAt, boolean current) {

  public static DeviceView of(Device device, String callerDeviceId) {
    return new DeviceView(
        device.deviceId(),
        device.name(),
        device.platform(),
        device.createdAt(),
        device.lastLoginAt(),
        device.deviceId().equals(callerDeviceId));
  }
}
