package io.switchboard.protocol.frame;

import io.switchboard.protocol.ErrorCode;

/**
 * Something the device sent could not be used. {@code code} is the stable wire name of an {@link ErrorCode};
 * {@code ref} is the client message id it concerns, when there is one. The socket stays open.
 */
public record ErrorFrame(String code, String message, String ref) implements ServerFrame {

  public static final String TYPE = "error";

  public static ErrorFrame of(ErrorCode code, String message) {
    return new ErrorFrame(code.wireName(), message, null);
  }

  public static ErrorFrame of(ErrorCode code, String message, String ref) {
    return new ErrorFrame(code.wireName(), message, ref);
  }
}
