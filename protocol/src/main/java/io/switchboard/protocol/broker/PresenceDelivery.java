package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.protocol.PresenceStatus;
import java.time.Instant;
import java.util.List;

/**
 * For every device of {@code userId}: {@code subjectId}, one of their contacts, came online or went offline.
 * {@code lastSeenAt} is set when going offline, unless the subject hides it. {@code alsoFor} names the other
 * contacts it is for when one publish went to all of them (see {@link UserDelivery}).
 */
public record PresenceDelivery(
    String userId, String subjectId, PresenceStatus status, Instant lastSeenAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoFor)
    implements UserDelivery {

  public PresenceDelivery {
    alsoFor = alsoFor == null ? List.of() : List.copyOf(alsoFor);
  }

  public PresenceDelivery(String userId, String subjectId, PresenceStatus status, Instant lastSeenAt) {
    this(userId, subjectId, status, lastSeenAt, List.of());
  }
}
