package io.switchboard.protocol.frame;

/** Answer to a ping. */
public record PongFrame(String nonce) implements ServerFrame {

  public static final String TYPE = "pong";
}
