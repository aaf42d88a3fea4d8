package io.switchboard.storage.sync;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.cursor.DeviceCursorStore;
import io.switchboard.storage.message.MessageStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Store-and-forward's read side: what a device has not acknowledged yet, conversation by conversation, in
 * sequence order, read lazily in pages so a device that was away for a week costs one page of memory at a
 * time. Used by the edge when a device connects and by the history service's sync endpoint.
 */
@Component
public class BacklogReader {

  private final ConversationStore conversations;
  private final DeviceCursorStore cursors;
  private final MessageStore messages;

  public BacklogReader(ConversationStore conversations, DeviceCursorStore cursors, MessageStore messages) {
    this.conversations = conversations;
    this.cursors = cursors;
    this.messages = messages;
  }

  public Mono<Backlog> open(String userId, String deviceId) {
    return Mono.zip(conversations.allOfMember(userId).collectList(), cursors.cursorsOf(deviceId))
        .map(both -> backlog(both.getT1(), both.getT2()));
  }

  /** Every missing message, oldest first within each conversation, fetched {@code pageSize} at a time. */
  public Flux<ChatMessage> messages(Backlog backlog, int pageSize) {
    return Flux.fromIterable(backlog.behind())
        .concatMap(position -> pagesAfter(position.conversationId(), position.afterSeq(), pageSize));
  }

  private Flux<ChatMessage> pagesAfter(String conversationId, long afterSeq, int pageSize) {
    return messages.after(conversationId, afterSeq, pageSize).collectList()
        .flatMapMany(page -> {
          if (page.size() < pageSize) {
            return Flux.fromIterable(page);
          }
          long last = page.get(page.size() - 1).seq();
          return Flux.fromIterable(page).concatWith(Flux.defer(() -> pagesAfter(conversationId, last, pageSize)));
        });
  }

  private static Backlog backlog(List<Conversation> memberOf, Map<String, Long> acknowledged) {
    Map<String, Long> positions = memberOf.stream()
        .collect(Collectors.toMap(Conversation::conversationId,
            conversation -> acknowledged.getOrDefault(conversation.conversationId(), 0L)));
    List<Backlog.Position> behind = memberOf.stream()
        .filter(conversation -> conversation.lastSeq() > positions.get(conversation.conversationId()))
        .map(conversation -> new Backlog.Position(
            conversation.conversationId(), positions.get(conversation.conversationId())))
        .toList();
    return new Backlog(positions, behind);
  }
}
