package io.switchboard.accounts.device;

import java.time.Instant;

/** One signed-in client of a user: a phone, a laptop, a browser. Each login names one. */
public record Device(
    String deviceId, String userId, String name, String platform, Instant createdAt, Instant lastLoginAt) {

  /** Device names are labels a person reads in a list ("Alice's phone"). */
  public static final int MAX_NAME_LENGTH = 64;

  /** Platforms are short tags ("ios", "android", "web"). */
  public static final int MAX_PLATFORM_LENGTH = 32;

  public static final String UNNAMED = "Unnamed device";

  public static final String UNKNOWN_PLATFORM = "unknown";
}
