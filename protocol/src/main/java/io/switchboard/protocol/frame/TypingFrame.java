package io.switchboard.protocol.frame;

/**
 * The user is typing in the conversation. Send it at most once a second while typing; more often is ignored.
 * The other members' devices get a {@code typing} server frame.
 */
public record TypingFrame(String conversationId) implements ClientFrame {

  public static final String TYPE = "typing";

  public TypingFrame {
    FrameRules.requireText(conversationId, "conversationId");
  }
}
