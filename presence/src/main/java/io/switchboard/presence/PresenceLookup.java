package io.switchboard.presence;

import java.util.Collection;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Presence on request (socket or HTTP): only of users the asker shares a conversation with. */
@Component
public class PresenceLookup {

  private final PresenceAudience audience;
  private final PresenceStore store;

  PresenceLookup(PresenceAudience audience, PresenceStore store) {
    this.audience = audience;
    this.store = store;
  }

  /** Those of {@code userIds} the asker may see, in the order asked; the others are left out. */
  public Flux<PresenceState> visibleTo(String askerId, Collection<String> userIds) {
    return audience.visibleTo(askerId, userIds).flatMapMany(store::states);
  }
}
