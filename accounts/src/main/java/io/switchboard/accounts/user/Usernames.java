package io.switchboard.accounts.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a username may be. Usernames are compared and stored lower-cased, so "Alice" and "alice" are one
 * name; the limited alphabet keeps look-alike names (and anything needing escaping) out.
 */
public final class Usernames {

  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 32;

  public static final String REQUIREMENT =
      "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters of a-z, 0-9, '_', '.' and '-'";

  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_.-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");

  private Usernames() {}

  /** The stored form of what a user typed. */
  public static String normalize(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /** Whether a normalized username is allowed. */
  public static boolean isAllowed(String normalized) {
    return ALLOWED.matcher(normalized).matches();
  }
}
