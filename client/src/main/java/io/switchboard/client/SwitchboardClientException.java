package io.switchboard.client;

/** The client could not talk to the server, or the server refused what the client needed. */
public final class SwitchboardClientException extends RuntimeException {

  public SwitchboardClientException(String message) {
    super(message);
  }

  public SwitchboardClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
