package io.switchboard.accounts.login;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** More sign-ups and logins at once than the hashing threads can queue: 503, try again shortly. */
final class PasswordHashingBusyException extends ErrorResponseException {

  /** Hashes take tens of milliseconds; a queue this full drains within seconds. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  PasswordHashingBusyException(Throwable cause) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "Too many sign-ups and logins at once; try again shortly"),
        cause);
    getHeaders().set("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
  }
}
