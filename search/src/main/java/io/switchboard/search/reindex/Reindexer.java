package io.switchboard.search.reindex;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.search.SearchEnabled;
import io.switchboard.search.indexing.BulkIndexer;
import io.switchboard.storage.StorageLimits;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.message.MessageStore;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilds the search index from MongoDB, the source of truth: every conversation, page by page in seq order,
 * written in bulk. Documents are keyed by message id, so it can run while live indexing goes on, and again.
 */
@SearchEnabled
@Component
public class Reindexer {

  /** Messages per bulk request, as in live indexing. */
  static final int BULK_SIZE = 500;

  /** Conversations read at once. */
  static final int CONVERSATION_CONCURRENCY = 4;

  private final ConversationStore conversations;
  private final MessageStore messages;
  private final BulkIndexer indexer;

  Reindexer(ConversationStore conversations, MessageStore messages, BulkIndexer indexer) {
    this.conversations = conversations;
    this.messages = messages;
    this.indexer = indexer;
  }

  /** Indexes every stored message again; the count of messages indexed. */
  public Mono<Long> reindexAll() {
    return conversations.allIds()
        .flatMap(this::reindexConversation, CONVERSATION_CONCURRENCY)
        .reduce(0L, Long::sum);
  }

  private Mono<Long> reindexConversation(String conversationId) {
    return pages(conversationId)
        .filter(message -> message.event() == null)
        .buffer(BULK_SIZE)
        .concatMap(batch -> indexer.index(batch).thenReturn((long) batch.size()))
        .reduce(0L, Long::sum);
  }

  /** The conversation's messages oldest first, one storage page after another. */
  private Flux<ChatMessage> pages(String conversationId) {
    return page(conversationId, 0)
        .expand(page -> page.size() < StorageLimits.MAX_PAGE_SIZE
            ? Mono.empty()
            : page(conversationId, page.get(page.size() - 1).seq()))
        .concatMapIterable(page -> page);
  }

  private Mono<List<ChatMessage>> page(String conversationId, long afterSeq) {
    return messages.after(conversationId, afterSeq, StorageLimits.MAX_PAGE_SIZE).collectList();
  }
}
