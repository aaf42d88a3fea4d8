package io.switchboard.client;

/** The server answered the WebSocket handshake with an HTTP error instead of upgrading. */
public final class HandshakeRefusedException extends RuntimeException {

  private final int status;

  public HandshakeRefusedException(int status, String body) {
    super("handshake refused with HTTP " + status + ": " + body);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
