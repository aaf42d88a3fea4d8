package io.switchboard.search.indexing;

import io.switchboard.protocol.ChatMessage;

/**
 * A message as Elasticsearch holds it; the document id is the message id, so indexing it again replaces it.
 * {@code sentAt} is ISO-8601, as the {@code date} mapping reads it.
 */
public record MessageDocument(
    String messageId, String conversationId, long seq, String senderId, String body, String sentAt) {

  public static MessageDocument of(ChatMessage message) {
    return new MessageDocument(message.messageId(), message.conversationId(), message.seq(), message.senderId(),
        message.body(), message.sentAt().toString());
  }
}
