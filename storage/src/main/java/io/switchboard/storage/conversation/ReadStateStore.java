package io.switchboard.storage.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.storage.IndexedStore;
import java.util.Collection;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How far each member has got in each conversation: per (user, conversation) one "delivered up to seq N"
 * and one "read up to seq N" watermark, so a large group costs one record per member, not one per message.
 * Unread count = lastSeq - readSeq; sending a message marks the conversation read up to it, as in every
 * messenger. Read implies delivered.
 */
@Component
public class ReadStateStore implements IndexedStore {

  static final String COLLECTION = "read_states";
  private static final String USER_ID = "userId";
  private static final String CONVERSATION_ID = "conversationId";
  private static final String READ_SEQ = "readSeq";
  private static final String DELIVERED_SEQ = "deliveredSeq";

  /** Members' watermarks remembered, at most: a few MB, the conversations active lately. */
  static final int REMEMBERED = 50_000;

  private final MongoCollection<Document> readStates;
  /**
   * Watermarks this process has seen reached, by member and conversation. They only ever rise in the database,
   * so one seen here is reached still, whatever other processes wrote since: a move to at or below it can be
   * skipped without asking. That is most moves: every device of a member acknowledges each message ("delivered"
   * from the second device on moves nothing), and the sender's own devices acknowledge what sending already
   * marked read. What is forgotten or never seen costs the database operation, as before.
   */
  private final Cache<String, Watermarks> reached = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

  public ReadStateStore(MongoDatabase database) {
    this.readStates = database.getCollection(COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    return Mono.from(readStates.createIndex(Indexes.ascending(CONVERSATION_ID))).then();
  }

  /** Moves the watermark forward only; a late or repeated read never moves it back. */
  public Mono<Void> markRead(String userId, String conversationId, long seq) {
    return advance(userId, conversationId, ReceiptKind.READ, seq).then();
  }

  /**
   * Moves the member's watermark of this kind forward to {@code seq} (a read moves "delivered" too) and
   * returns where it stood before, 0 if nowhere: the caller tells others only when it actually moved. Where the
   * watermark is known to stand at or past {@code seq} already, nothing is written and the known value (at least
   * {@code seq}) is returned.
   */
  public Mono<Long> advance(String userId, String conversationId, ReceiptKind kind, long seq) {
    String key = key(userId, conversationId);
    Watermarks known = reached.getIfPresent(key);
    if (known != null && known.of(kind) >= seq) {
      return Mono.just(known.of(kind));
    }
    Bson moveForward = kind == ReceiptKind.READ
        ? Updates.combine(Updates.max(READ_SEQ, seq), Updates.max(DELIVERED_SEQ, seq))
        : Updates.max(DELIVERED_SEQ, seq);
    return Mono.from(readStates.findOneAndUpdate(
            Filters.eq("_id", key),
            Updates.combine(
                moveForward,
                Updates.setOnInsert(USER_ID, userId),
                Updates.setOnInsert(CONVERSATION_ID, conversationId)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE)))
        .map(before -> new Watermarks(watermark(before, DELIVERED_SEQ), watermark(before, READ_SEQ)))
        .defaultIfEmpty(new Watermarks(0, 0))
        .map(before -> {
          reached.asMap().merge(key, before.movedTo(kind, seq), Watermarks::higher);
          return before.of(kind);
        });
  }

  /** Every member's watermarks in the conversation, by user id. */
  public Mono<Map<String, Watermarks>> ofConversation(String conversationId) {
    return Flux.from(readStates.find(Filters.eq(CONVERSATION_ID, conversationId)))
        .collectMap(document -> document.getString(USER_ID),
            document -> new Watermarks(watermark(document, DELIVERED_SEQ), watermark(document, READ_SEQ)));
  }

  /** One member's progress in one conversation. */
  public record Watermarks(long deliveredSeq, long readSeq) {

    long of(ReceiptKind kind) {
      return kind == ReceiptKind.READ ? readSeq : deliveredSeq;
    }

    /** Where these stand after a move of this kind to {@code seq}: forward only, and a read is a delivery. */
    Watermarks movedTo(ReceiptKind kind, long seq) {
      return new Watermarks(Math.max(deliveredSeq, seq), kind == ReceiptKind.READ ? Math.max(readSeq, seq) : readSeq);
    }

    Watermarks higher(Watermarks other) {
      return new Watermarks(Math.max(deliveredSeq, other.deliveredSeq), Math.max(readSeq, other.readSeq));
    }
  }

  private static long watermark(Document document, String field) {
    Number value = document.get(field, Number.class);
    return value == null ? 0L : value.longValue();
  }

  /** Read watermarks of the user in the given conversations; absent means nothing read. */
  public Mono<Map<String, Long>> readSeqs(String userId, Collection<String> conversationIds) {
    if (conversationIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return Flux.from(readStates.find(
            Filters.in("_id", conversationIds.stream().map(id -> key(userId, id)).toList())))
        .collectMap(document -> document.getString(CONVERSATION_ID), document -> watermark(document, READ_SEQ));
  }

  private static String key(String userId, String conversationId) {
    return userId + "|" + conversationId;
  }
}
