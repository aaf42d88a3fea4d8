package io.switchboard.accounts.login;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.RequestFields;
import io.switchboard.accounts.user.User;
import io.switchboard.accounts.user.Usernames;

/** {@code POST /api/accounts/signup} body. {@code displayName} is optional and defaults to the username. */
public record SignupRequest(String username, String password, String displayName) {

  /** This request as it will be stored: username lower-cased, display name trimmed or defaulted. */
  SignupRequest validated() {
    String normalized = Usernames.normalize(RequestFields.required("username", username));
    if (!Usernames.isAllowed(normalized)) {
      throw InvalidRequestException.field("username", Usernames.REQUIREMENT);
    }
    return new SignupRequest(
        normalized,
        PasswordPolicy.checkNew(password, normalized),
        RequestFields.optional("displayName", displayName, User.MAX_DISPLAY_NAME_LENGTH, normalized));
  }

  @Override
  public String toString() {
    return "SignupRequest[username=" + username + ", displayName=" + displayName + "]";
  }
}
