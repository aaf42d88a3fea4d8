package io.switchboard.push.delivery;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which conversation's notification a user may still be looking at, up to which sequence number
 * ({@code push_shown}): a read past it withdraws it. Shared by all workers, since the read may reach another
 * worker than the one that notified.
 */
@Component
class ShownNotifications {

  static final String COLLECTION = "push_shown";
  private static final String SEQ = "seq";

  private final MongoCollection<Document> shown;

  ShownNotifications(MongoDatabase database) {
    this.shown = database.getCollection(COLLECTION);
  }

  Mono<Void> record(String userId, String conversationId, long seq) {
    return Mono.from(shown.updateOne(Filters.eq("_id", key(userId, conversationId)), Updates.max(SEQ, seq),
        new UpdateOptions().upsert(true))).then();
  }

  /** True if a notification was shown and the read covers it; it is then forgotten. */
  Mono<Boolean> takeCoveredBy(String userId, String conversationId, long readSeq) {
    return Mono.from(shown.findOneAndDelete(
            Filters.and(Filters.eq("_id", key(userId, conversationId)), Filters.lte(SEQ, readSeq))))
        .map(found -> true)
        .defaultIfEmpty(false);
  }

  private static String key(String userId, String conversationId) {
    return userId + "\n" + conversationId;
  }
}
