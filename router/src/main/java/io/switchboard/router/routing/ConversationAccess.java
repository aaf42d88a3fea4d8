package io.switchboard.router.routing;

import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.user.UserDirectory;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides where a send goes. A direct conversation comes into being with the first message to a user who
 * exists. Whether the sender may write there is decided when the message takes its sequence number
 * ({@link ConversationStore#allocateSeqAsMember}), in the same write, so a member removed a moment earlier
 * cannot slip a message in after their removal.
 */
@Component
class ConversationAccess {

  /** About 100 bytes each: ~10 MB at most. */
  private static final int KNOWN_DIRECT_CONVERSATIONS = 100_000;

  private final ConversationStore conversations;
  private final UserDirectory users;
  private final KnownDirectConversations known = new KnownDirectConversations(KNOWN_DIRECT_CONVERSATIONS);

  ConversationAccess(ConversationStore conversations, UserDirectory users) {
    this.conversations = conversations;
    this.users = users;
  }

  /** The id of the conversation the command writes to, or an error {@link Denial}. */
  Mono<String> resolve(SendCommand command) {
    if (command.recipientId() != null) {
      return toUser(command);
    }
    return Mono.just(command.conversationId());
  }

  private Mono<String> toUser(SendCommand command) {
    if (command.recipientId().equals(command.senderId())) {
      return Mono.error(Denial.unknownRecipient("you cannot start a direct conversation with yourself"));
    }
    String conversationId = ConversationIds.direct(command.senderId(), command.recipientId());
    List<String> members = List.of(command.senderId(), command.recipientId());
    // every message but the first finds the conversation: known here already, or one read by id, instead of
    // a user lookup and an upsert on the hot path
    if (known.contains(conversationId)) {
      return Mono.just(conversationId);
    }
    return conversations.find(conversationId)
        .map(existing -> conversationId)
        .switchIfEmpty(Mono.defer(() -> users
            .exists(command.recipientId())
            .flatMap(exists -> exists
                ? conversations.ensureDirect(conversationId, members, Instant.now()).thenReturn(conversationId)
                : Mono.error(Denial.unknownRecipient("no user with id " + command.recipientId())))))
        .doOnNext(known::add);
  }
}
