package io.switchboard.router.routing;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.storage.group.MembershipStore;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whom a message stored earlier is published to again when it is resent (the sender timed out, or a router
 * stopped before its deliveries were confirmed): the members who were members at its sequence number and
 * still are — never someone added after it — and the sender, whose device waits for its "accepted".
 */
@Component
class ResendRecipients {

  private final MembershipStore memberships;

  ResendRecipients(MembershipStore memberships) {
    this.memberships = memberships;
  }

  Mono<List<String>> of(ChatMessage message) {
    var participants = ConversationIds.directParticipants(message.conversationId());
    if (participants.isPresent()) {
      return Mono.just(participants.get());
    }
    return Flux.concat(Mono.just(message.senderId()),
            memberships.currentMembersSince(message.conversationId(), message.seq()))
        .distinct()
        .collectList();
  }
}
