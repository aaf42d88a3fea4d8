package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.protocol.ChatMessage;
import java.util.List;

/**
 * A stored message for one member, or for several at once. The device that sent it (message.senderDeviceId)
 * turns it into an accepted frame; every other device of those users gets it as a message frame.
 *
 * <p>{@code alsoFor} names more members when one publish went to all their routing keys (see {@link UserDelivery}).
 */
public record MessageDelivery(
    String userId, ChatMessage message, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoFor)
    implements UserDelivery {

  public MessageDelivery {
    alsoFor = alsoFor == null ? List.of() : List.copyOf(alsoFor);
  }

  public MessageDelivery(String userId, ChatMessage message) {
    this(userId, message, List.of());
  }
}
