package io.switchboard.protocol.frame;

import io.switchboard.protocol.ChatMessage;

/** A message for this device: from the catch-up backlog or live. Acknowledge it with an ack frame. */
public record MessageFrame(ChatMessage message) implements ServerFrame {

  public static final String TYPE = "message";
}
