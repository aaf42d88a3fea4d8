package io.switchboard.router.routing;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ErrorCode;
import java.util.List;

/** What became of one send command. Both are expected outcomes, not faults. */
public sealed interface RoutingOutcome {

  /** A message stored by this command, not on an earlier attempt: what the stage timers time. */
  default boolean storedNow() {
    return this instanceof Routed routed && !routed.duplicate();
  }

  /** Stored (now or on an earlier attempt) and due to every member, the sender included. */
  record Routed(ChatMessage message, List<String> members, boolean duplicate) implements RoutingOutcome {}

  /** Refused; only the sending device hears of it. */
  record Rejected(ErrorCode code, String detail) implements RoutingOutcome {}
}
