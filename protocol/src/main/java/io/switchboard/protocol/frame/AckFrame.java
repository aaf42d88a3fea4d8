package io.switchboard.protocol.frame;

/** The device holds every message of the conversation up to and including {@code seq}: its cursor moves there. */
public record AckFrame(String conversationId, long seq) implements ClientFrame {

  public static final String TYPE = "ack";

  public AckFrame {
    FrameRules.requireText(conversationId, "conversationId");
    FrameRules.requirePositive(seq, "seq");
  }
}
