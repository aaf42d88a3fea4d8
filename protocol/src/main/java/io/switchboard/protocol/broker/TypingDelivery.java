package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * For every device of {@code userId}: {@code typingUserId} is typing in the conversation. Never stored.
 * {@code alsoFor} names the other members it is for when one publish went to all of them (see {@link UserDelivery}).
 */
public record TypingDelivery(
    String userId, String conversationId, String typingUserId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoFor)
    implements UserDelivery {

  public TypingDelivery {
    alsoFor = alsoFor == null ? List.of() : List.copyOf(alsoFor);
  }

  public TypingDelivery(String userId, String conversationId, String typingUserId) {
    this(userId, conversationId, typingUserId, List.of());
  }
}
