package io.switchboard.accounts.login;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.RequestFields;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: long enough, and not one an attacker tries first (NIST SP 800-63B: length,
 * and a check against commonly used and context-specific passwords, rather than composition rules).
 */
final class PasswordPolicy {

  static final int MIN_LENGTH = 8;

  /** Passphrases are welcome; the cap keeps any one request from feeding the hash megabytes. */
  static final int MAX_LENGTH = 128;

  static final String FIELD = "password";

  /** The most common passwords of at least {@value #MIN_LENGTH} characters in published breach lists. */
  private static final Set<String> COMMON = Set.of(
      "password", "password1", "password12", "password123", "passw0rd", "12345678", "123456789",
      "1234567890", "0123456789", "87654321", "11111111", "00000000", "12341234", "123123123", "qwertyuiop",
      "qwerty123", "qwertyui", "1q2w3e4r", "1qaz2wsx", "asdfghjk", "asdfasdf", "zxcvbnm1", "abcd1234",
      "iloveyou", "sunshine", "princess", "football", "baseball", "superman", "starwars", "trustno1",
      "welcome1", "letmein1", "changeme", "whatever", "computer", "internet", "michelle", "jennifer",
      "dragon12", "master12", "monkey12", "shadow12", "baseball1", "football1", "administrator");

  private PasswordPolicy() {}

  /** A password chosen at sign-up by the user {@code username} (already normalized). */
  static String checkNew(String password, String username) {
    int length = RequestFields.lengthOf(RequestFields.required(FIELD, password));
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw InvalidRequestException.field(FIELD, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (lower.equals(username)) {
      throw InvalidRequestException.field(FIELD, "must not be the username");
    }
    if (COMMON.contains(lower) || password.codePoints().distinct().count() == 1) {
      throw InvalidRequestException.field(FIELD, "is one of the first an attacker would try; choose another");
    }
    return password;
  }

  /**
   * A password presented at login. Only the upper bound is checked, and only because of the hashing cost:
   * whether it is right is for the hash to say.
   */
  static String checkPresented(String password) {
    if (RequestFields.lengthOf(RequestFields.required(FIELD, password)) > MAX_LENGTH) {
      throw InvalidRequestException.field(FIELD, "must be at most " + MAX_LENGTH + " characters");
    }
    return password;
  }
}
