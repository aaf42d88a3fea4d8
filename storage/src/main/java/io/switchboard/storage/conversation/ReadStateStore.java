package io.switchboard.storage.conversation;

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

  private final MongoCollection<Document> readStates;

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
   * returns where it stood before, 0 if nowhere: the caller tells others only when it actually moved.
   */
  public Mono<Long> advance(String userId, String conversationId, ReceiptKind kind, long seq) {
    Bson moveForward = kind == ReceiptKind.READ
        ? Updates.combine(Updates.max(READ_SEQ, seq), Updates.max(DELIVERED_SEQ, seq))
        : Updates.max(DELIVERED_SEQ, seq);
    return Mono.from(readStates.findOneAndUpdate(
            Filters.eq("_id", key(userId, conversationId)),
            Updates.combine(
                moveForward,
                Updates.setOnInsert(USER_ID, userId),
                Updates.setOnInsert(CONVERSATION_ID, conversationId)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE)))
        .map(before -> watermark(before, kind == ReceiptKind.READ ? READ_SEQ : DELIVERED_SEQ))
        .defaultIfEmpty(0L);
  }

  /** Every member's watermarks in the conversation, by user id. */
  public Mono<Map<String, Watermarks>> ofConversation(String conversationId) {
    return Flux.from(readStates.find(Filters.eq(CONVERSATION_ID, conversationId)))
        .collectMap(document -> document.getString(USER_ID),
            document -> new Watermarks(watermark(document, DELIVERED_SEQ), watermark(document, READ_SEQ)));
  }

  /** One member's progress in one conversation. */
  public record Watermarks(long deliveredSeq, long readSeq) {}

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
