package io.switchboard.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the service will not act on as sent: 400, saying what to fix. */
public final class InvalidRequestException extends ErrorResponseException {

  /** The problem member naming the offending field, so a client can point at it. */
  public static final String FIELD_PROPERTY = "field";

  private InvalidRequestException(ProblemDetail problem) {
    super(HttpStatus.BAD_REQUEST, problem, null);
  }

  /** One field is missing or wrong; the detail starts with its name. */
  public static InvalidRequestException field(String field, String requirement) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + requirement);
    problem.setProperty(FIELD_PROPERTY, field);
    return new InvalidRequestException(problem);
  }

  /** The body as a whole is unusable (absent, or not JSON of the expected shape). */
  public static InvalidRequestException body(String detail) {
    return new InvalidRequestException(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
  }
}
