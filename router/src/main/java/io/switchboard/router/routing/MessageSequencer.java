package io.switchboard.router.routing;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.storage.DuplicateKeys;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.message.MessageStore;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives a message its place and makes it durable, once. The unique indexes on the messages collection are
 * the guard: a resend of a stored (sender, clientMessageId) returns the stored message; a sequence number
 * that somebody else already used (possible only where the database's increment is not atomic) is retried
 * with a fresh one.
 */
@Component
class MessageSequencer {

  /** Fresh sequence numbers tried when the previous one turns out to be taken. */
  private static final int MAX_SEQUENCE_ATTEMPTS = 5;

  private final ConversationStore conversations;
  private final MessageStore messages;

  MessageSequencer(ConversationStore conversations, MessageStore messages) {
    this.conversations = conversations;
    this.messages = messages;
  }

  /** The stored message, and whether it had been stored before (a resend). */
  Mono<Stored> store(String conversationId, SendCommand command) {
    return messages
        .findByClientMessageId(command.senderId(), command.clientMessageId())
        .map(existing -> new Stored(existing, true))
        .switchIfEmpty(Mono.defer(() -> insertNew(conversationId, command, 1)));
  }

  private Mono<Stored> insertNew(String conversationId, SendCommand command, int attempt) {
    return conversations
        .allocateSeq(conversationId)
        .map(seq -> new ChatMessage(
            UUID.randomUUID().toString().replace("-", ""),
            conversationId,
            seq,
            command.senderId(),
            command.senderDeviceId(),
            command.clientMessageId(),
            command.body(),
            Instant.now()))
        .flatMap(message -> messages.insert(message).thenReturn(new Stored(message, false)))
        .onErrorResume(DuplicateKeys::isDuplicateKey, duplicate -> messages
            .findByClientMessageId(command.senderId(), command.clientMessageId())
            .map(existing -> new Stored(existing, true))
            .switchIfEmpty(Mono.defer(() -> {
              if (attempt >= MAX_SEQUENCE_ATTEMPTS) {
                return Mono.error(new IllegalStateException(
                    "no free sequence number in " + conversationId + " after " + attempt + " attempts"));
              }
              return insertNew(conversationId, command, attempt + 1);
            })));
  }

  record Stored(ChatMessage message, boolean duplicate) {}
}
