package io.switchboard.search.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.search.SearchEnabled;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes messages to their monthly indices in one bulk request. Succeeds when every message is indexed, or was
 * refused for good (a document Elasticsearch will never take, logged, so it cannot block the queue); fails
 * when any is worth retrying (Elasticsearch away, overloaded, an index not ready), so the caller retries the
 * whole batch — harmless, since the document id is the message id.
 */
@SearchEnabled
@Component
public class BulkIndexer {

  private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int FIRST_SERVER_ERROR = 500;

  private final ElasticsearchAsyncClient client;
  private final MessageIndex index;

  BulkIndexer(ElasticsearchAsyncClient client, MessageIndex index) {
    this.client = client;
    this.index = index;
  }

  public Mono<Void> index(List<ChatMessage> messages) {
    if (messages.isEmpty()) {
      return Mono.empty();
    }
    List<BulkOperation> operations = messages.stream()
        .map(message -> BulkOperation.of(operation -> operation.index(write -> write
            .index(index.indexFor(message))
            .id(message.messageId())
            .document(MessageDocument.of(message)))))
        .toList();
    return Mono.fromFuture(() -> client.bulk(bulk -> bulk.operations(operations)))
        .flatMap(BulkIndexer::outcome);
  }

  private static Mono<Void> outcome(BulkResponse response) {
    if (!response.errors()) {
      return Mono.empty();
    }
    boolean retry = false;
    for (BulkResponseItem item : response.items()) {
      if (item.error() == null) {
        continue;
      }
      if (item.status() == TOO_MANY_REQUESTS || item.status() >= FIRST_SERVER_ERROR) {
        retry = true;
      } else {
        log.error("message {} refused by Elasticsearch for good: {}", item.id(), item.error().reason());
      }
    }
    return retry
        ? Mono.error(new IllegalStateException("Elasticsearch could not index every message of a batch yet"))
        : Mono.empty();
  }
}
