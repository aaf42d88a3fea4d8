package io.switchboard.accounts.device;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A login would sign the account in on more devices than allowed: 409 until one is signed out. */
public final class TooManyDevicesException extends ErrorResponseException {

  public TooManyDevicesException(int limit) {
    super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "This account is signed in on " + limit + " devices, the most allowed: sign one out"
            + " (DELETE /api/devices/{deviceId}) or log in with the deviceId of one of them"), null);
  }
}
