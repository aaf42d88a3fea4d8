package io.switchboard.router.routing;

import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.user.UserDirectory;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides where a send goes and whether the sender may write there. A direct conversation comes into being
 * with the first message to a user who exists; a conversation named by id must exist and include the sender.
 */
@Component
class ConversationAccess {

  private final ConversationStore conversations;
  private final UserDirectory users;

  ConversationAccess(ConversationStore conversations, UserDirectory users) {
    this.conversations = conversations;
    this.users = users;
  }

  /** The conversation the command may write to, or empty with the reason in {@link Denial}. */
  Mono<Conversation> resolve(SendCommand command) {
    if (command.recipientId() != null) {
      return toUser(command);
    }
    return conversations
        .find(command.conversationId())
        .filter(conversation -> conversation.hasMember(command.senderId()))
        .switchIfEmpty(Mono.error(Denial.notAMember(command.conversationId())));
  }

  private Mono<Conversation> toUser(SendCommand command) {
    if (command.recipientId().equals(command.senderId())) {
      return Mono.error(Denial.unknownRecipient("you cannot start a direct conversation with yourself"));
    }
    String conversationId = ConversationIds.direct(command.senderId(), command.recipientId());
    List<String> members = List.of(command.senderId(), command.recipientId());
    return users
        .exists(command.recipientId())
        .flatMap(exists -> exists
            ? conversations.ensureDirect(conversationId, members, Instant.now())
                .then(conversations.find(conversationId))
            : Mono.error(Denial.unknownRecipient("no user with id " + command.recipientId())));
  }
}
