package io.switchboard.protocol.frame;

import io.switchboard.protocol.ErrorCode;

/**
 * Something the device sent could not be used. {@code code} is the stable wire name of an {@link ErrorCode};
 * {@code ref} is the client message id it concerns, when there is one; {@code retryAfterMs} comes only with
 * {@code rate_limited}: how long to wait before the same frame can succeed. The socket stays open.
 */
public record ErrorFrame(String code, String message, String ref, Long retryAfterMs) implements ServerFrame {

  public static final String TYPE = "error";

  public ErrorFrame(String code, String message, String ref) {
    this(code, message, ref, null);
  }

  public static ErrorFrame of(ErrorCode code, String message) {
    return new ErrorFrame(code.wireName(), message, null);
  }

  public static ErrorFrame of(ErrorCode code, String message, String ref) {
    return new ErrorFrame(code.wireName(), message, ref);
  }

  /** A frame refused by a rate limit: wait {@code retryAfterMs}, then send it again. */
  public static ErrorFrame rateLimited(String message, String ref, long retryAfterMs) {
    return new ErrorFrame(ErrorCode.RATE_LIMITED.wireName(), message, ref, retryAfterMs);
  }
}
