package io.switchboard.search.indexing;

import io.switchboard.broker.Broker;
import io.switchboard.broker.QueueConsumer;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.search.SearchEnabled;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.AcknowledgableDelivery;

/**
 * Consumes {@link Topology#SEARCH_INDEX_QUEUE} and indexes what it holds in bulk: up to {@link #BULK_SIZE}
 * messages, or what arrived within {@link #BULK_WAIT}, per request. A batch is acknowledged only once
 * Elasticsearch has it; while Elasticsearch is away the batch is retried with backoff and the queue holds
 * everything behind it (at most {@link #PREFETCH} unacknowledged at once), so an outage delays search and
 * loses nothing.
 *
 * <p>Membership events are acknowledged without being indexed: they are not what people search for, and who
 * may read what comes from the membership windows at query time.
 */
@SearchEnabled
@Component
class IndexingConsumer extends QueueConsumer {

  private static final Logger log = LoggerFactory.getLogger(IndexingConsumer.class);

  /** Messages per bulk request. */
  static final int BULK_SIZE = 500;

  /** Longest a message waits for its batch to fill: the indexing lag when traffic is light. */
  static final Duration BULK_WAIT = Duration.ofMillis(200);

  /** Unacknowledged deliveries in flight: two full batches, one being written and one filling. */
  static final int PREFETCH = 2 * BULK_SIZE;

  private final Broker broker;
  private final BrokerCodec codec;
  private final MessageIndex index;
  private final BulkIndexer indexer;
  private final IndexingMetrics metrics;

  IndexingConsumer(Broker broker, BrokerCodec codec, MessageIndex index, BulkIndexer indexer,
      IndexingMetrics metrics) {
    this.broker = broker;
    this.codec = codec;
    this.index = index;
    this.indexer = indexer;
    this.metrics = metrics;
  }

  @Override
  protected Disposable consume() {
    broker.declareSharedTopology().block(Broker.CONFIRM_TIMEOUT);
    Disposable consumption = index.ensureTemplate()
        .doOnError(error -> log.warn("index template not written yet, retrying: {}", error.toString()))
        .retryWhen(retryForever())
        // a consumer the broker dropped (or a lost connection) is consumed again; what it left unacknowledged
        // comes back
        .thenMany(reconsuming(broker, Topology.SEARCH_INDEX_QUEUE, () -> broker.declareSharedTopology()
            .thenMany(broker.consume(Topology.SEARCH_INDEX_QUEUE, PREFETCH))
            // fair back-pressure: while a batch is being written the next one waits instead of overflowing
            .bufferTimeout(BULK_SIZE, BULK_WAIT, true)
            .concatMap(this::indexBatch)))
        .subscribe(
            ignored -> {},
            error -> log.error("search stopped consuming {}", Topology.SEARCH_INDEX_QUEUE, error));
    log.info("search indexing from {}", Topology.SEARCH_INDEX_QUEUE);
    return consumption;
  }

  private Mono<Void> indexBatch(List<AcknowledgableDelivery> batch) {
    List<ChatMessage> messages = batch.stream().map(this::decode).filter(Objects::nonNull).toList();
    return Mono.defer(() -> indexer.index(messages))
        .doOnError(error -> log.warn("indexing {} messages failed, retrying: {}", messages.size(), error.toString()))
        .retryWhen(retryForever())
        .doOnSuccess(done -> {
          metrics.indexed(messages);
          batch.forEach(AcknowledgableDelivery::ack);
        });
  }

  /** The message to index; null for an event or for a body that is not a message (acknowledged all the same). */
  private ChatMessage decode(AcknowledgableDelivery delivery) {
    try {
      ChatMessage message = codec.decodeMessageStored(delivery.getBody()).message();
      return message.event() == null ? message : null;
    } catch (RuntimeException undecodable) {
      log.error("undecodable stored message ({} bytes)", delivery.getBody().length, undecodable);
      return null;
    }
  }
}
