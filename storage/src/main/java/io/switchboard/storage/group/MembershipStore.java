package io.switchboard.storage.group;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.IndexedStore;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code memberships} collection: per (group, user) the window of the conversation that user may see,
 *
 * <pre>{@code
 * { _id: "g-…|userId", conversationId, userId, joinedSeq: 12, leftSeq: 40 }   // leftSeq absent while a member
 * }</pre>
 *
 * <p>A user added again after leaving gets a new window from the new addition (the old one is not kept). The
 * group's members array says who receives; this says from where to where, and is what history, sync and
 * catch-up bound their reads by. Only the router writes it, before it delivers the event it records.
 */
@Component
public class MembershipStore implements IndexedStore {

  public static final String COLLECTION = "memberships";

  /** Memberships written per bulk request: a 1,000-member group is created in a few round trips. */
  private static final int WRITE_BATCH = 500;

  private final MongoCollection<Document> memberships;

  public MembershipStore(MongoDatabase database) {
    this.memberships = database.getCollection(COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    return Mono.from(memberships.createIndex(
            Indexes.ascending("conversationId", "userId"), new IndexOptions().unique(true)))
        .then();
  }

  /** The users' windows start at {@code seq}; writing the same again is harmless. */
  public Mono<Void> joined(String conversationId, Collection<String> userIds, long seq) {
    List<WriteModel<Document>> writes = userIds.stream()
        .<WriteModel<Document>>map(userId -> new UpdateOneModel<>(
            Filters.eq("_id", key(conversationId, userId)),
            Updates.combine(
                Updates.set("conversationId", conversationId),
                Updates.set("userId", userId),
                Updates.set("joinedSeq", seq),
                Updates.unset("leftSeq")),
            new UpdateOptions().upsert(true)))
        .toList();
    return write(writes);
  }

  /** The users' windows end at {@code seq}, which they still see; writing the same again is harmless. */
  public Mono<Void> left(String conversationId, Collection<String> userIds, long seq) {
    return write(List.of(new UpdateManyModel<>(
        Filters.and(Filters.eq("conversationId", conversationId), Filters.in("userId", userIds)),
        Updates.set("leftSeq", seq))));
  }

  public Mono<Membership> find(String conversationId, String userId) {
    return Mono.from(memberships.find(Filters.eq("_id", key(conversationId, userId))).first())
        .map(MembershipStore::fromDocument);
  }

  /**
   * The user's windows in these conversations, where they have one: named by key, an {@code _id} lookup
   * rather than a scan of every window on the embedded stand-in. {@link UserConversations} says which.
   */
  public Flux<Membership> ofUser(String userId, Collection<String> conversationIds) {
    if (conversationIds.isEmpty()) {
      return Flux.empty();
    }
    return Flux.from(memberships.find(Filters.in("_id",
            conversationIds.stream().map(conversationId -> key(conversationId, userId)).toList())))
        .map(MembershipStore::fromDocument);
  }

  /** Who is a member now and was one at {@code seq}: the members a stored message is (still) due to. */
  public Flux<String> currentMembersSince(String conversationId, long seq) {
    return Flux.from(memberships.find(Filters.and(
            Filters.eq("conversationId", conversationId),
            Filters.lte("joinedSeq", seq),
            Filters.exists("leftSeq", false))))
        .map(document -> document.getString("userId"));
  }

  private Mono<Void> write(List<WriteModel<Document>> writes) {
    if (writes.isEmpty()) {
      return Mono.empty();
    }
    return Flux.fromIterable(writes)
        .buffer(WRITE_BATCH)
        .concatMap(batch -> Mono.from(memberships.bulkWrite(batch)))
        .then();
  }

  private static String key(String conversationId, String userId) {
    return conversationId + "|" + userId;
  }

  private static Membership fromDocument(Document document) {
    Number left = document.get("leftSeq", Number.class);
    return new Membership(document.getString("conversationId"), document.getString("userId"),
        document.get("joinedSeq", Number.class).longValue(), left == null ? null : left.longValue());
  }
}
