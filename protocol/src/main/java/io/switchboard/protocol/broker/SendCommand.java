package io.switchboard.protocol.broker;

import java.time.Instant;

/**
 * Edge to router: a device asked to send a message. The edge has checked the frame's shape and who sent it;
 * the router decides everything else (membership, duplicates, sequence).
 */
public record SendCommand(
    String senderId,
    String senderDeviceId,
    String clientMessageId,
    String recipientId,
    String conversationId,
    String body,
    Instant receivedAt) {}
