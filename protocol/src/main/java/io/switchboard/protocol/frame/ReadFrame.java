package io.switchboard.protocol.frame;

/** The user has read the conversation up to and including {@code seq}; its unread count drops accordingly. */
public record ReadFrame(String conversationId, long seq) implements ClientFrame {

  public static final String TYPE = "read";

  public ReadFrame {
    FrameRules.requireText(conversationId, "conversationId");
    FrameRules.requirePositive(seq, "seq");
  }
}
