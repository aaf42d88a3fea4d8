package io.switchboard.protocol.frame;

import io.switchboard.protocol.ReceiptKind;

/**
 * Another member ({@code userId}) has got every message of the conversation up to and including
 * {@code upToSeq} delivered to a device, or has read them. Sent to the senders of the messages it covers;
 * watermarks only move forward, so a client keeps the highest it has seen per member.
 */
public record ReceiptFrame(String conversationId, String userId, ReceiptKind kind, long upToSeq)
    implements ServerFrame {

  public static final String TYPE = "receipt";
}
