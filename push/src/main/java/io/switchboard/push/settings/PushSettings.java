package io.switchboard.push.settings;

import java.util.Set;

/**
 * A user's notification choices.
 *
 * @param hideContent notifications say only that there is something new, not who wrote or what
 * @param mutedConversations conversations that never notify
 */
public record PushSettings(boolean hideContent, Set<String> mutedConversations) {

  public static final PushSettings DEFAULT = new PushSettings(false, Set.of());

  public PushSettings {
    mutedConversations = mutedConversations == null ? Set.of() : Set.copyOf(mutedConversations);
  }

  public boolean mutes(String conversationId) {
    return mutedConversations.contains(conversationId);
  }
}
