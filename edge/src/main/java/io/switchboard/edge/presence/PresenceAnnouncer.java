package io.switchboard.edge.presence;

import io.switchboard.broker.UserDeliveries;
import io.switchboard.presence.PresenceAudience;
import io.switchboard.presence.PresenceState;
import io.switchboard.protocol.broker.PresenceDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tells a user's contacts that the user came online or went offline. */
@Component
class PresenceAnnouncer {

  private static final Logger log = LoggerFactory.getLogger(PresenceAnnouncer.class);

  private final PresenceAudience audience;
  private final UserDeliveries deliveries;

  PresenceAnnouncer(PresenceAudience audience, UserDeliveries deliveries) {
    this.audience = audience;
    this.deliveries = deliveries;
  }

  /** Never fails: a lost announcement is corrected by the next change or the next query. */
  Mono<Void> announce(PresenceState state) {
    return audience.contacts(state.userId())
        .collectList()
        .flatMap(contacts -> deliveries.publishToAll(contacts, (contact, others) ->
            new PresenceDelivery(contact, state.userId(), state.status(), state.lastSeenAt(), others)))
        .onErrorResume(error -> {
          log.warn("presence of {} not announced: {}", state.userId(), error.toString());
          return Mono.empty();
        });
  }
}
