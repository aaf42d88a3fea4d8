package io.switchboard.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored message, as every device and every HTTP page sees it. The pair (conversationId, seq) is its
 * place in the conversation; seq is strictly increasing within a conversation and is the only order clients use.
 */
public record ChatMessage(
    String messageId,
    String conversationId,
    long seq,
    String senderId,
    String senderDeviceId,
    String clientMessageId,
    String body,
    Instant sentAt) {

  public ChatMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sentAt, "sentAt");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be positive");
    }
  }
}
