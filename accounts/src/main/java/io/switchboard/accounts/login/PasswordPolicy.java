package io.switchboard.accounts.login;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.RequestFields;

/** How long a password must and may be. */
final class PasswordPolicy {

  static final int MIN_LENGTH = 8;

  /** Passphrases are welcome; the cap keeps any one request from feeding the hash megabytes. */
  static final int MAX_LENGTH = 128;

  static final String FIELD = "password";

  private PasswordPolicy() {}

  /** A password chosen at sign-up. */
  static String checkNew(String password) {
    int length = RequestFields.lengthOf(RequestFields.required(FIELD, password));
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw InvalidRequestException.field(FIELD, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
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
