package io.switchboard.push.target;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.IndexedStore;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Push targets in MongoDB ({@code push_targets}), one document per provider and address. */
@Component
public class PushTargetStore implements IndexedStore {

  static final String COLLECTION = "push_targets";
  private static final String USER_ID = "userId";

  private final MongoCollection<Document> targets;

  PushTargetStore(MongoDatabase database) {
    this.targets = database.getCollection(COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    return Mono.from(targets.createIndex(Indexes.ascending(USER_ID))).then();
  }

  /** Registers or re-registers (same provider and address: same id, latest owner wins). */
  public Mono<Void> save(PushTarget target) {
    Document document = new Document("_id", target.targetId())
        .append(USER_ID, target.userId())
        .append("deviceId", target.deviceId())
        .append("provider", target.provider().wireName())
        .append("address", target.address())
        .append("p256dh", target.p256dh())
        .append("auth", target.auth());
    return Mono.from(targets.replaceOne(Filters.eq("_id", target.targetId()), document,
        new ReplaceOptions().upsert(true))).then();
  }

  public Flux<PushTarget> ofUser(String userId) {
    return Flux.from(targets.find(Filters.eq(USER_ID, userId))).map(PushTargetStore::target);
  }

  /** Removes the caller's own target; true if there was one. */
  public Mono<Boolean> remove(String userId, String targetId) {
    return Mono.from(targets.deleteOne(Filters.and(Filters.eq("_id", targetId), Filters.eq(USER_ID, userId))))
        .map(result -> result.getDeletedCount() > 0);
  }

  private static PushTarget target(Document document) {
    return new PushTarget(document.getString("_id"), document.getString(USER_ID), document.getString("deviceId"),
        ProviderKind.fromWireName(document.getString("provider")).orElseThrow(), document.getString("address"),
        document.getString("p256dh"), document.getString("auth"));
  }
}
