package io.switchboard.search.query;

import io.switchboard.search.SearchEnabled;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.group.MembershipStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Every stretch of every conversation the caller may read, from the same records history reads by: their
 * direct conversations whole, and their group windows (current and ended) from the membership store.
 */
@SearchEnabled
@Component
class ReadableWindows {

  private final ConversationStore conversations;
  private final MembershipStore memberships;

  ReadableWindows(ConversationStore conversations, MembershipStore memberships) {
    this.conversations = conversations;
    this.memberships = memberships;
  }

  Flux<ReadableWindow> of(String userId) {
    Flux<ReadableWindow> direct = conversations.allOfMember(userId)
        .filter(conversation -> conversation.kind() != ConversationKind.GROUP)
        .map(conversation -> ReadableWindow.whole(conversation.conversationId()));
    Flux<ReadableWindow> groups = memberships.ofUser(userId)
        .map(window -> new ReadableWindow(window.conversationId(), window.joinedSeq(), window.leftSeq()));
    return Flux.concat(direct, groups);
  }
}
