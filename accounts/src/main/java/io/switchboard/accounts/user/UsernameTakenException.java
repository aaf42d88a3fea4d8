package io.switchboard.accounts.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Sign-up with a username someone already has: 409. */
public final class UsernameTakenException extends ErrorResponseException {

  public UsernameTakenException(String username) {
    super(
        HttpStatus.CONFLICT,
        ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The username " + username + " is taken"),
        null);
  }
}
