package io.switchboard.presence;

import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who sees whose presence. Changes are pushed only to contacts (the other member of each direct
 * conversation), so a status change costs the same in a 1,000-member group as in none. Anyone sharing any
 * conversation may ask; nobody else learns anything, not even whether the user exists.
 */
@Component
public class PresenceAudience {

  private final ConversationStore conversations;

  PresenceAudience(ConversationStore conversations) {
    this.conversations = conversations;
  }

  /** The user's contacts: the other members of their direct conversations. */
  public Flux<String> contacts(String userId) {
    return conversations.allOfMember(userId)
        .filter(conversation -> conversation.kind() == ConversationKind.DIRECT)
        .flatMapIterable(Conversation::members)
        .filter(member -> !member.equals(userId))
        .distinct();
  }

  /** Those of {@code userIds} the asker may see: themselves, and whoever shares a conversation with them. */
  public Mono<Set<String>> visibleTo(String askerId, Collection<String> userIds) {
    Set<String> wanted = new LinkedHashSet<>(userIds);
    return conversations.allOfMember(askerId)
        .flatMapIterable(Conversation::members)
        .filter(wanted::contains)
        .concatWithValues(askerId)
        .collect(java.util.stream.Collectors.toSet())
        .map(shared -> {
          wanted.retainAll(shared);
          return wanted;
        });
  }
}
