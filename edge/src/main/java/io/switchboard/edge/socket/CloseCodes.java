package io.switchboard.edge.socket;

import org.springframework.web.reactive.socket.CloseStatus;

/** WebSocket close codes the edge uses beyond the standard ones; documented in docs/protocol.md. */
final class CloseCodes {

  /** The socket fell too far behind its live traffic; reconnect and catch up from the cursor. */
  static final CloseStatus SLOW_CONSUMER = new CloseStatus(4001, "slow consumer: reconnect to catch up");

  /** This edge is stopping: reconnect at once to the edge discovery names (the device loses nothing). */
  static final CloseStatus DRAINING = new CloseStatus(4002, "edge draining: reconnect elsewhere");

  /** The account signed this device out; its token no longer works, so reconnecting is pointless. */
  static final CloseStatus SIGNED_OUT = new CloseStatus(4003, "device signed out");

  /**
   * The device went on sending far past its rate limit, ignoring the {@code rate_limited} answers; 4000 + the
   * HTTP status for the same thing (429).
   */
  static final CloseStatus RATE_LIMITED = new CloseStatus(4029, "rate limit exceeded: slow down");

  /** The handshake carried no authenticated device (should have been refused with 401 before the upgrade). */
  static final CloseStatus UNAUTHENTICATED = CloseStatus.POLICY_VIOLATION.withReason("not authenticated");

  private CloseCodes() {}
}
