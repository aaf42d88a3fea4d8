package io.switchboard.storage.message;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.IndexedStore;
import io.switchboard.storage.StorageLimits;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The messages collection: one document per message, {@code _id} = message id.
 *
 * <p>Two unique indexes carry the guarantees: (conversationId, seq) so no two messages share a place, and
 * (senderId, clientMessageId) so a resent message is refused instead of stored twice.
 */
@Component
public class MessageStore implements IndexedStore {

  static final String COLLECTION = "messages";

  private final MongoCollection<Document> messages;

  public MessageStore(MongoDatabase database) {
    this.messages = database.getCollection(COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    return Mono.from(messages.createIndex(Indexes.ascending("conversationId", "seq"), unique))
        .then(Mono.from(messages.createIndex(Indexes.ascending("senderId", "clientMessageId"), unique)))
        .then();
  }

  /** Fails with a duplicate-key error if the place or the client message id is taken. */
  public Mono<Void> insert(ChatMessage message) {
    return Mono.from(messages.insertOne(toDocument(message))).then();
  }

  public Mono<ChatMessage> findByClientMessageId(String senderId, String clientMessageId) {
    return Mono.from(messages
            .find(Filters.and(Filters.eq("senderId", senderId), Filters.eq("clientMessageId", clientMessageId)))
            .first())
        .map(MessageStore::fromDocument);
  }

  public Mono<ChatMessage> findBySeq(String conversationId, long seq) {
    return Mono.from(messages
            .find(Filters.and(Filters.eq("conversationId", conversationId), Filters.eq("seq", seq)))
            .first())
        .map(MessageStore::fromDocument);
  }

  /** Messages with seq greater than {@code afterSeq}, oldest first, at most {@code limit}. */
  public Flux<ChatMessage> after(String conversationId, long afterSeq, int limit) {
    return page(Filters.and(Filters.eq("conversationId", conversationId), Filters.gt("seq", afterSeq)),
        Sorts.ascending("seq"), limit);
  }

  /** Messages with seq strictly between the two bounds, oldest first: what a device missed in a gap. */
  public Flux<ChatMessage> between(String conversationId, long afterSeq, long beforeSeq, int limit) {
    return page(Filters.and(Filters.eq("conversationId", conversationId),
            Filters.gt("seq", afterSeq), Filters.lt("seq", beforeSeq)),
        Sorts.ascending("seq"), limit);
  }

  /** Who sent the messages with seq in (afterSeq, uptoSeq]: whom a receipt covering that range concerns. */
  public Flux<String> sendersBetween(String conversationId, long afterSeq, long uptoSeq) {
    return Flux.from(messages.distinct("senderId",
        Filters.and(Filters.eq("conversationId", conversationId),
            Filters.gt("seq", afterSeq), Filters.lte("seq", uptoSeq)),
        String.class));
  }

  /**
   * Messages with seq in (afterSeq, throughSeq], oldest first, at most {@code limit}: reading forward without
   * passing the end of a member's window.
   */
  public Flux<ChatMessage> range(String conversationId, long afterSeq, long throughSeq, int limit) {
    return page(Filters.and(Filters.eq("conversationId", conversationId),
            Filters.gt("seq", afterSeq), Filters.lte("seq", throughSeq)),
        Sorts.ascending("seq"), limit);
  }

  /**
   * Messages with seq in [fromSeq, beforeSeq), newest first, at most {@code limit}: scrolling back without
   * passing the start of a member's window.
   */
  public Flux<ChatMessage> backFrom(String conversationId, long beforeSeq, long fromSeq, int limit) {
    return page(Filters.and(Filters.eq("conversationId", conversationId),
            Filters.lt("seq", beforeSeq), Filters.gte("seq", fromSeq)),
        Sorts.descending("seq"), limit);
  }

  /** Messages with seq less than {@code beforeSeq}, newest first, at most {@code limit}: scrolling back. */
  public Flux<ChatMessage> before(String conversationId, long beforeSeq, int limit) {
    return page(Filters.and(Filters.eq("conversationId", conversationId), Filters.lt("seq", beforeSeq)),
        Sorts.descending("seq"), limit);
  }

  private Flux<ChatMessage> page(Bson filter, Bson sort, int limit) {
    int bounded = Math.max(1, Math.min(limit, StorageLimits.MAX_PAGE_SIZE));
    return Flux.from(messages.find(filter).sort(sort).limit(bounded)).map(MessageStore::fromDocument);
  }

  static Document toDocument(ChatMessage message) {
    Document document = new Document("_id", message.messageId())
        .append("conversationId", message.conversationId())
        .append("seq", message.seq())
        .append("senderId", message.senderId())
        .append("senderDeviceId", message.senderDeviceId())
        .append("clientMessageId", message.clientMessageId())
        .append("body", message.body())
        .append("sentAt", Date.from(message.sentAt()));
    if (message.event() != null) {
      document.append("event", EventDocuments.toDocument(message.event()));
    }
    return document;
  }

  static ChatMessage fromDocument(Document document) {
    return new ChatMessage(
        document.getString("_id"),
        document.getString("conversationId"),
        document.get("seq", Number.class).longValue(),
        document.getString("senderId"),
        document.getString("senderDeviceId"),
        document.getString("clientMessageId"),
        document.getString("body"),
        document.getDate("sentAt").toInstant(),
        EventDocuments.fromDocument(document.get("event", Document.class)));
  }
}
