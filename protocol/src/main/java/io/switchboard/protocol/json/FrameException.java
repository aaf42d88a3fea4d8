package io.switchboard.protocol.json;

import io.switchboard.protocol.ErrorCode;

/** A frame that cannot be used, with the error code the device will see. */
public final class FrameException extends RuntimeException {

  private final ErrorCode code;
  private final String ref;

  public FrameException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** {@code ref}: the frame's clientMessageId, when it could be read, so the client knows which send failed. */
  public FrameException(ErrorCode code, String message, String ref) {
    super(message);
    this.code = code;
    this.ref = ref;
  }

  public ErrorCode code() {
    return code;
  }

  public String ref() {
    return ref;
  }
}
