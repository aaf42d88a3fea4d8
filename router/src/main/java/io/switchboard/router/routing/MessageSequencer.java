package io.switchboard.router.routing;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.storage.DuplicateKeys;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.message.MessageStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives a message its place and makes it durable, once. The unique indexes on the messages collection are
 * the guard: a resend of a stored (sender, clientMessageId) returns the stored message; a sequence number
 * that somebody else already used (possible only where the database's increment is not atomic) is retried
 * with a fresh one. Taking the number is also the membership check, and says whom the message is due to.
 */
@Component
class MessageSequencer {

  /** Fresh sequence numbers tried when the previous one turns out to be taken. */
  private static final int MAX_SEQUENCE_ATTEMPTS = 5;

  private final ConversationStore conversations;
  private final MessageStore messages;
  private final ResendRecipients resendRecipients;

  MessageSequencer(ConversationStore conversations, MessageStore messages, ResendRecipients resendRecipients) {
    this.conversations = conversations;
    this.messages = messages;
    this.resendRecipients = resendRecipients;
  }

  /** The stored message, whether it had been stored before (a resend), and the members it is due to. */
  Mono<Stored> store(String conversationId, SendCommand command) {
    return messages
        .findByClientMessageId(command.senderId(), command.clientMessageId())
        .flatMap(existing -> resent(existing, conversationId, command))
        .switchIfEmpty(Mono.defer(() -> insertNew(conversationId, command, 1)));
  }

  /**
   * A true resend comes from the same device to the same conversation; the same id used for anything else is
   * a client bug, refused so it can never swallow a different message.
   */
  private Mono<Stored> resent(ChatMessage existing, String conversationId, SendCommand command) {
    if (!existing.conversationId().equals(conversationId)
        || !Objects.equals(existing.senderDeviceId(), command.senderDeviceId())) {
      return Mono.error(Denial.clientMessageIdReused(command.clientMessageId()));
    }
    return resendRecipients.of(existing).map(members -> new Stored(existing, true, members));
  }

  private Mono<Stored> insertNew(String conversationId, SendCommand command, int attempt) {
    // the database keeps milliseconds: the live copy and the stored one must be equal
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return conversations
        .allocateSeqAsMember(conversationId, command.senderId(), sentAt)
        .switchIfEmpty(Mono.error(() -> Denial.notAMember(conversationId)))
        .flatMap(allocation -> {
          ChatMessage message = new ChatMessage(
              MessageIds.next(),
              conversationId,
              allocation.seq(),
              command.senderId(),
              command.senderDeviceId(),
              command.clientMessageId(),
              command.body(),
              sentAt);
          return messages.insert(message).thenReturn(new Stored(message, false, allocation.members()));
        })
        .onErrorResume(DuplicateKeys::isDuplicateKey, duplicate -> messages
            .findByClientMessageId(command.senderId(), command.clientMessageId())
            .flatMap(existing -> resent(existing, conversationId, command))
            .switchIfEmpty(Mono.defer(() -> {
              if (attempt >= MAX_SEQUENCE_ATTEMPTS) {
                return Mono.error(new IllegalStateException(
                    "no free sequence number in " + conversationId + " after " + attempt + " attempts"));
              }
              return insertNew(conversationId, command, attempt + 1);
            })));
  }

  /** @param members whom the message is due to, the sender included */
  record Stored(ChatMessage message, boolean duplicate, List<String> members) {}
}
