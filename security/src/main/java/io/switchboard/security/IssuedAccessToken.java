package io.switchboard.security;

import java.time.Instant;

/** A freshly signed access token and the moment it stops being accepted. */
public record IssuedAccessToken(String value, Instant expiresAt) {

  /** A token is a credential: keep it out of logs even when the record is logged. */
  @Override
  public String toString() {
    return "IssuedAccessToken[value=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
