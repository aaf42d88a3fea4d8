package io.switchboard.accounts.login;

import java.time.Instant;

/** What a successful login returns: who, which device, and the token to send on every other call. */
public record LoginResponse(String userId, String deviceId, String accessToken, String tokenType, Instant expiresAt) {

  /** RFC 6750: the token goes in {@code Authorization: Bearer <accessToken>}. */
  public static final String BEARER = "Bearer";

  @Override
  public String toString() {
    return "LoginResponse[userId=" + userId + ", deviceId=" + deviceId + ", expiresAt=" + expiresAt + "]";
  }
}
