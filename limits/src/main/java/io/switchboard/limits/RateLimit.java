package io.switchboard.limits;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * One token bucket's shape: it holds at most {@code capacity} tokens and refills at {@code capacity} per
 * {@code period}, so a client may burst {@code capacity} actions and then keep going at the average rate.
 * Written in configuration as {@code <capacity>/<period>}, e.g. {@code 30/10s}.
 */
public record RateLimit(int capacity, Duration period) {

  public RateLimit {
    if (capacity < 1) {
      throw new IllegalArgumentException("a rate limit's capacity must be at least 1, not " + capacity);
    }
    if (period == null || period.toMillis() < 1) {
      throw new IllegalArgumentException("a rate limit's period must be at least 1ms");
    }
  }

  /** {@code 30/10s}, {@code 5/1h}, {@code 100/PT1M}: capacity, a slash, a duration in Spring's syntax. */
  public static RateLimit parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 1) {
      throw new IllegalArgumentException("a rate limit is written <capacity>/<period>, e.g. 30/10s; not " + text);
    }
    return new RateLimit(Integer.parseInt(text.substring(0, slash).strip()),
        DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
  }

  /** What Spring's conversion calls for a configured value, so {@code 30/10s} binds without a converter bean. */
  public static RateLimit valueOf(String text) {
    return parse(text);
  }

  @Override
  public String toString() {
    return capacity + "/" + period;
  }
}
