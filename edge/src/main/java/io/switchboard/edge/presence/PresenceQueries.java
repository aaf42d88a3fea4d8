package io.switchboard.edge.presence;

import io.switchboard.edge.session.DeviceSession;
import io.switchboard.presence.PresenceAudience;
import io.switchboard.presence.PresenceStore;
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

  private final PresenceAudience audience;
  private final PresenceStore store;

  PresenceQueries(PresenceAudience audience, PresenceStore store) {
    this.audience = audience;
    this.store = store;
  }

  public Mono<Void> answer(DeviceSession session, PresenceQueryFrame query) {
    return audience.visibleTo(session.userId(), query.userIds())
        .flatMapMany(store::states)
        .doOnNext(state -> session.reply(new PresenceFrame(state.userId(), state.status(), state.lastSeenAt())))
        .then()
        .onErrorResume(error -> {
          session.reply(ErrorFrame.of(ErrorCode.INTERNAL, "presence is not available right now; ask again later"));
          return Mono.empty();
        });
  }
}
