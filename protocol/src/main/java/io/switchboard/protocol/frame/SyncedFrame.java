package io.switchboard.protocol.frame;

/**
 * The catch-up backlog is fully sent; what follows is live. {@code messages} counts the backlog frames
 * that came before it on this connection.
 */
public record SyncedFrame(long messages) implements ServerFrame {

  public static final String TYPE = "synced";
}
