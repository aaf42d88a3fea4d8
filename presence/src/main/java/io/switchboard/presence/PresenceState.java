package io.switchboard.presence;

import io.switchboard.protocol.PresenceStatus;
import java.time.Instant;

/** A user's presence as others may see it: {@code lastSeenAt} only when offline, seen before, and not hidden. */
public record PresenceState(String userId, PresenceStatus status, Instant lastSeenAt) {

  public static PresenceState online(String userId) {
    return new PresenceState(userId, PresenceStatus.ONLINE, null);
  }
}
