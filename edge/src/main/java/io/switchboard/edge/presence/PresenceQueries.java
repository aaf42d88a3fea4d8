package io.switchboard.edge.presence;

import io.switchboard.edge.session.DeviceSession;
import io.switchboard.presence.PresenceLookup;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.PresenceFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers {@code presence_query}: one presence frame per asked user who shares a conversation with the asker.
 * Anyone else is left out, exactly as an unknown id is, so the answer reveals nothing about them.
 */
@Component
public class PresenceQueries {

  private final PresenceLookup lookup;

  PresenceQueries(PresenceLookup lookup) {
    this.lookup = lookup;
  }

  public Mono<Void> answer(DeviceSession session, PresenceQueryFrame query) {
    return lookup.visibleTo(session.userId(), query.userIds())
        .doOnNext(state -> session.reply(new PresenceFrame(state.userId(), state.status(), state.lastSeenAt())))
        .then()
        .onErrorResume(error -> {
          session.reply(ErrorFrame.of(ErrorCode.INTERNAL, "presence is not available right now; ask again later"));
          return Mono.empty();
        });
  }
}
