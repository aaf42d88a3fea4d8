package io.switchboard.accounts.login;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.RandomIds;
import io.switchboard.accounts.RequestFields;
import io.switchboard.accounts.device.Device;

/**
 * {@code POST /api/accounts/login} body. A client that has logged in before sends the {@code deviceId} it
 * was given, to stay the same device; {@code deviceName} and {@code platform} label a new device.
 */
public record LoginRequest(String username, String password, String deviceId, String deviceName, String platform) {

  /** This request with its optional fields checked and defaulted. */
  LoginRequest validated() {
    if (deviceId != null && !RandomIds.isWellFormed(deviceId)) {
      throw InvalidRequestException.field("deviceId", "must be a device id this service issued (32 hex characters)");
    }
    return new LoginRequest(
        RequestFields.required("username", username),
        PasswordPolicy.checkPresented(password),
        deviceId,
        RequestFields.optional("deviceName", deviceName, Device.MAX_NAME_LENGTH, Device.UNNAMED),
        RequestFields.optional("platform", platform, Device.MAX_PLATFORM_LENGTH, Device.UNKNOWN_PLATFORM));
  }

  @Override
  public String toString() {
    return "LoginRequest[username=" + username + ", deviceId=" + deviceId + "]";
  }
}
