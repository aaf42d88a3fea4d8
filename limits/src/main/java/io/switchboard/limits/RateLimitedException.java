package io.switchboard.limits;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Too many requests of one kind: 429 with {@code Retry-After} (whole seconds) and a problem body. */
public final class RateLimitedException extends ErrorResponseException {

  public RateLimitedException(String detail, Verdict verdict) {
    super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
        detail + "; try again in " + verdict.retryAfterSeconds() + " s"), null);
    getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
  }
}
