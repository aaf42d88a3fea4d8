package io.switchboard.protocol.frame;

import java.time.Instant;

/**
 * The message this device sent is durable and has its place: only now is it "sent". Arrives instead of a
 * message frame on the device that sent it; the other devices of the account get the message frame.
 */
public record AcceptedFrame(
    String clientMessageId, String messageId, String conversationId, long seq, Instant sentAt)
    implements ServerFrame {

  public static final String TYPE = "accepted";
}
