package io.switchboard.storage.conversation;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.IndexedStore;
import java.util.Collection;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How far each member has read each conversation: one "up to seq N" watermark per (user, conversation), so a
 * large group costs one record per member, not one per message. Unread count = lastSeq - readSeq; sending a
 * message marks the conversation read up to it, as in every messenger.
 */
@Component
public class ReadStateStore implements IndexedStore {

  static final String COLLECTION = "read_states";

  private final MongoCollection<Document> readStates;

  public ReadStateStore(MongoDatabase database) {
    this.readStates = database.getCollection(COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    return Mono.empty(); // looked up by _id only
  }

  /** Moves the watermark forward only; a late or repeated read never moves it back. */
  public Mono<Void> markRead(String userId, String conversationId, long seq) {
    return Mono.from(readStates.updateOne(
            Filters.eq("_id", key(userId, conversationId)),
            Updates.combine(
                Updates.max("readSeq", seq),
                Updates.setOnInsert("userId", userId),
                Updates.setOnInsert("conversationId", conversationId)),
            new UpdateOptions().upsert(true)))
        .then();
  }

  /** Read watermarks of the user in the given conversations; absent means nothing read. */
  public Mono<Map<String, Long>> readSeqs(String userId, Collection<String> conversationIds) {
    if (conversationIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return reactor.core.publisher.Flux.from(readStates.find(
            Filters.in("_id", conversationIds.stream().map(id -> key(userId, id)).toList())))
        .collectMap(
            document -> document.getString("conversationId"),
            document -> document.get("readSeq", Number.class).longValue());
  }

  private static String key(String userId, String conversationId) {
    return userId + "|" + conversationId;
  }
}
