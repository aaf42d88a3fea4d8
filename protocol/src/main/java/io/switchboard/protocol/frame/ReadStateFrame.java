package io.switchboard.protocol.frame;

/**
 * The account (on this or another of its devices) has read the conversation up to {@code readSeq}: every
 * device of the account clears its unread count to {@code unreadCount}.
 */
public record ReadStateFrame(String conversationId, long readSeq, long unreadCount) implements ServerFrame {

  public static final String TYPE = "read_state";
}
