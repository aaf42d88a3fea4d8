package io.switchboard.protocol.json;

import io.switchboard.protocol.ErrorCode;

/** A frame that cannot be used, with the error code the device will see. */
public final class FrameException extends RuntimeException {

  private final ErrorCode code;

  public FrameException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
