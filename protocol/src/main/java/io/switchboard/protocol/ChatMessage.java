package io.switchboard.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored message, as every device and every HTTP page sees it. The pair (conversationId, seq) is its
 * place in the conversation; seq is strictly increasing within a conversation and is the only order clients use.
 *
 * <p>{@code event} is present only on a group's membership events (see {@link ConversationEvent}); their
 * body is the same change in words, for clients that do not read events.
 */
public record ChatMessage(
    String messageId,
    String conversationId,
    long seq,
    String senderId,
    String senderDeviceId,
    String clientMessageId,
    String body,
    Instant sentAt,
    ConversationEvent event) {

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

  /** An ordinary message: no event. */
  public ChatMessage(
      String messageId,
      String conversationId,
      long seq,
      String senderId,
      String senderDeviceId,
      String clientMessageId,
      String body,
      Instant sentAt) {
    this(messageId, conversationId, seq, senderId, senderDeviceId, clientMessageId, body, sentAt, null);
  }
}
