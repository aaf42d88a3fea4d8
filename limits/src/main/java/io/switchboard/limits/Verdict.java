package io.switchboard.limits;

import java.time.Duration;

/** The answer of one bucket: go ahead, or wait {@code retryAfter} before the next attempt can succeed. */
public record Verdict(boolean allowed, Duration retryAfter) {

  public static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);

  public static Verdict refused(Duration retryAfter) {
    return new Verdict(false, retryAfter);
  }

  /** Whole seconds for {@code Retry-After}, rounded up, at least 1: "0" would invite an instant retry. */
  public long retryAfterSeconds() {
    long millis = retryAfter.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
