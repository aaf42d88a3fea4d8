package io.switchboard.security;

/** An access token was presented and refused; {@link #reason()} says why. */
public final class InvalidTokenException extends RuntimeException {

  /** Why a token was refused. The description is safe to send back to the client. */
  public enum Reason {
    EXPIRED("The access token has expired"),
    BAD_SIGNATURE("The access token is not signed by this service"),
    MALFORMED("The access token is malformed"),
    REVOKED("The access token's device has been signed out");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final Reason reason;

  public InvalidTokenException(Reason reason) {
    // a refused token is an everyday verdict, not a bug: a stack trace would only cost time
    super(reason.description(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
