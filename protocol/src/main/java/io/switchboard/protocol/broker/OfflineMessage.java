package io.switchboard.protocol.broker;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored message for members who had no device online when it was routed: push workers notify each of
 * {@code recipientIds}. One event names many recipients (up to the router's chunk size), so a large group with
 * most members away costs one or two broker messages, not one per member.
 *
 * @param group whether the conversation is a group (the notification then says who wrote in which group)
 */
public record OfflineMessage(
    List<String> recipientIds,
    String conversationId,
    long seq,
    String messageId,
    String senderId,
    String senderName,
    String body,
    Instant sentAt,
    boolean group) implements PushEvent {

  public OfflineMessage {
    recipientIds = List.copyOf(Objects.requireNonNull(recipientIds, "recipientIds"));
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(body, "body");
  }
}
