package io.switchboard.push.delivery;

import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The badge: a user's unread messages over all their conversations (each conversation's last sequence number
 * less their read watermark), as the conversation list counts them. Two reads per notification, not per message.
 */
@Component
class UnreadBadge {

  private final ConversationStore conversations;
  private final ReadStateStore readStates;

  UnreadBadge(ConversationStore conversations, ReadStateStore readStates) {
    this.conversations = conversations;
    this.readStates = readStates;
  }

  Mono<Long> of(String userId) {
    return conversations.allOfMember(userId)
        .collectList()
        .flatMap(all -> readStates.readSeqs(userId, all.stream().map(Conversation::conversationId).toList())
            .map(read -> unread(all, read)));
  }

  private static long unread(List<Conversation> all, java.util.Map<String, Long> readSeqs) {
    long unread = 0;
    for (Conversation conversation : all) {
      unread += Math.max(0, conversation.lastSeq() - readSeqs.getOrDefault(conversation.conversationId(), 0L));
    }
    return unread;
  }
}
