package io.switchboard.protocol.broker;

import io.switchboard.protocol.ChatMessage;
import java.util.Objects;

/** A message the router has stored, for the services that follow every message (search). */
public record MessageStored(ChatMessage message) {

  public MessageStored {
    Objects.requireNonNull(message, "message");
  }
}
