package io.switchboard.protocol.frame;

/** Keep-alive; answered by a pong carrying the same nonce. */
public record PingFrame(String nonce) implements ClientFrame {

  public static final String TYPE = "ping";
}
