package io.switchboard.accounts.login;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A login that does not check out: 401. Unknown username and wrong password give the same answer, so the
 * login endpoint cannot be used to find out which usernames exist.
 */
final class InvalidCredentialsException extends ErrorResponseException {

  static final String DETAIL = "Unknown username or wrong password";

  InvalidCredentialsException() {
    super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, DETAIL), null);
  }
}
