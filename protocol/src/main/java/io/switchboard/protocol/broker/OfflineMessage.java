package io.switchboard.protocol.broker;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message for a member who had no device online when it was routed: push workers notify them.
 *
 * @param group whether the conversation is a group (the notification then says who wrote in which group)
 */
public record OfflineMessage(
    String userId,
    String conversationId,
    long seq,
    String messageId,
    String senderId,
    String senderName,
    String body,
    Instant sentAt,
    boolean group) implements PushEvent {

  public OfflineMessage {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(body, "body");
  }
}
