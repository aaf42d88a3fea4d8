package io.switchboard.protocol.broker;

import io.switchboard.protocol.PresenceStatus;
import java.time.Instant;

/**
 * For every device of {@code userId}: {@code subjectId}, one of their contacts, came online or went offline.
 * {@code lastSeenAt} is set when going offline, unless the subject hides it.
 */
public record PresenceDelivery(String userId, String subjectId, PresenceStatus status, Instant lastSeenAt)
    implements UserDelivery {}
