package io.switchboard.security;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh secrets for tests, so no test can pass by sharing a key with another. */
final class TestSecrets {

  static final Duration TOKEN_TTL = Duration.ofHours(24);

  private TestSecrets() {}

  static SecurityProperties randomProperties() {
    byte[] secret = new byte[48];
    ThreadLocalRandom.current().nextBytes(secret);
    return new SecurityProperties(Base64.getEncoder().encodeToString(secret), TOKEN_TTL);
  }
}
