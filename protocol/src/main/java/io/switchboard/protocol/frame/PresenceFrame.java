package io.switchboard.protocol.frame;

import io.switchboard.protocol.PresenceStatus;
import java.time.Instant;

/**
 * A user's presence: live for contacts when it changes, or as the answer to a {@code presence_query}.
 * {@code lastSeenAt} only comes with {@code offline}, and not at all if the user hides it (or was never seen).
 */
public record PresenceFrame(String userId, PresenceStatus status, Instant lastSeenAt) implements ServerFrame {

  public static final String TYPE = "presence";
}
