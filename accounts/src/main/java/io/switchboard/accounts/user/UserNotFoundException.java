package io.switchboard.accounts.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A lookup for a user who does not exist: 404. */
public final class UserNotFoundException extends ErrorResponseException {

  public UserNotFoundException() {
    super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such user"), null);
  }
}
