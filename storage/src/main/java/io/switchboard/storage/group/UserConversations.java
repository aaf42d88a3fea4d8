package io.switchboard.storage.group;

import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a user may read, as catch-up and search need it: the conversations they are a member of now, and their
 * windows in every group they have been in (a group they left still shows up to their leaving). One read of
 * the user's member index serves both; windows are asked only for groups, and not at all for a user in none.
 */
@Component
public class UserConversations {

  private final ConversationStore conversations;
  private final MembershipStore memberships;

  public UserConversations(ConversationStore conversations, MembershipStore memberships) {
    this.conversations = conversations;
    this.memberships = memberships;
  }

  public Mono<Found> of(String userId) {
    return conversations.everOfMember(userId).collectList()
        .flatMap(everIn -> {
          List<Conversation> memberOf = everIn.stream().filter(conversation -> conversation.hasMember(userId)).toList();
          List<String> groupIds = everIn.stream()
              .filter(conversation -> conversation.kind() == ConversationKind.GROUP)
              .map(Conversation::conversationId)
              .toList();
          return memberships.ofUser(userId, groupIds).collectList()
              .map(windows -> new Found(memberOf, windows));
        });
  }

  /** The conversations the user is in now, and their group windows, current and ended. */
  public record Found(List<Conversation> memberOf, List<Membership> windows) {}
}
