package io.switchboard.protocol.broker;

import java.time.Instant;

/**
 * A notification a provider never took, after every retry: kept on {@code switchboard.push.dead} with the
 * reason, for an operator to look at or replay, while the queue behind it goes on.
 *
 * @param provider {@code apns}, {@code fcm} or {@code web_push}
 * @param reason the provider's last answer (status and reason) or the transport error
 */
public record DeadNotification(
    String userId,
    String conversationId,
    String targetId,
    String provider,
    String reason,
    int attempts,
    long lastSeq,
    int messageCount,
    Instant failedAt) {}
