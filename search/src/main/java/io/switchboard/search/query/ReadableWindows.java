package io.switchboard.search.query;

import io.switchboard.search.SearchEnabled;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.group.UserConversations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Every stretch of every conversation the caller may read, from the same records history reads by: their
 * direct conversations whole, and their group windows (current and ended) from the membership store.
 */
@SearchEnabled
@Component
class ReadableWindows {

  private final UserConversations userConversations;

  ReadableWindows(UserConversations userConversations) {
    this.userConversations = userConversations;
  }

  Flux<ReadableWindow> of(String userId) {
    return userConversations.of(userId).flatMapMany(found -> Flux.concat(
        Flux.fromIterable(found.memberOf())
            .filter(conversation -> conversation.kind() != ConversationKind.GROUP)
            .map(conversation -> ReadableWindow.whole(conversation.conversationId())),
        Flux.fromIterable(found.windows())
            .map(window -> new ReadableWindow(window.conversationId(), window.joinedSeq(), window.leftSeq()))));
  }
}
