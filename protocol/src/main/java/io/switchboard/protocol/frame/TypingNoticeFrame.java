package io.switchboard.protocol.frame;

/**
 * Another member ({@code userId}) is typing in the conversation. Nothing ends it: clients show it for
 * {@link #SHOWN_FOR_SECONDS} seconds unless another one refreshes it, and drop it when that user's message
 * arrives. Never stored.
 */
public record TypingNoticeFrame(String conversationId, String userId) implements ServerFrame {

  public static final String TYPE = "typing";
  public static final int SHOWN_FOR_SECONDS = 6;
}
