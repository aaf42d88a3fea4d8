package io.switchboard.protocol;

/** The WebSocket protocol's version; a client names it as its subprotocol when it connects. */
public final class ProtocolVersion {

  /** The subprotocol a client asks for in Sec-WebSocket-Protocol. */
  public static final String SUBPROTOCOL = "switchboard.v1";

  /** Browsers cannot set headers on a WebSocket, so they may carry the token as a second subprotocol entry. */
  public static final String BEARER_SUBPROTOCOL_PREFIX = "bearer.";

  public static final int VERSION = 1;

  private ProtocolVersion() {}
}
