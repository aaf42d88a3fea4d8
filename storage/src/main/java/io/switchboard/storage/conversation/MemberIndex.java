package io.switchboard.storage.conversation;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.DuplicateKeys;
import io.switchboard.storage.batching.KeyedReads;
import io.switchboard.storage.group.MembershipStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code memberIndex} collection: per user, every conversation they have been a member of,
 *
 * <pre>{@code
 * { _id: "<userId>", conversations: ["d-…", "g-…", …] }
 * }</pre>
 *
 * <p>A connecting device, a presence change, a login and a push badge all start from "the user's
 * conversations". Asked as {@code {members: userId}}, a real MongoDB answers from its multikey index, but the
 * embedded stand-in (mongo-java-server) used no non-unique index and matched every conversation under the
 * collection's lock: at 15,000 devices reconnecting that is 15,000 scans of thousands of documents (its file
 * backend here has such indexes now, its in-memory one still has not). Read by {@code _id} here and then by
 * {@code _id $in}, both are index lookups everywhere; and the entry also names groups the user has left, which
 * the catch-up reads too.
 *
 * <p>An id is added before the membership it records takes effect and never taken away, so the list is a
 * superset: it may hold conversations the user has left (or never joined, if the write that would have added
 * them failed). Readers keep only what the conversation itself says; nothing can be missing.
 */
public final class MemberIndex {

  static final String COLLECTION = "memberIndex";

  /** Where one-off data migrations note that they are done. */
  private static final String MIGRATIONS = "migrations";
  private static final String BACKFILLED = "member-index";

  /** Users updated per bulk request: a 1,000-member group is created in two round trips. */
  private static final int WRITE_BATCH = 500;

  private static final String CONVERSATIONS = "conversations";

  private final MongoDatabase database;
  private final MongoCollection<Document> index;
  /** Every connecting device asks, twice (catch-up and presence): those asking at once share one query. */
  private final KeyedReads<List<String>> byUser;

  public MemberIndex(MongoDatabase database) {
    this.database = database;
    this.index = database.getCollection(COLLECTION);
    this.byUser = new KeyedReads<>(userIds -> Flux.from(index.find(Filters.in("_id", userIds)))
        .map(document -> Map.entry(document.getString("_id"), document.getList(CONVERSATIONS, String.class, List.of()))));
  }

  /** Records that the users are (about to be) members of the conversation; writing it again is harmless. */
  public Mono<Void> add(Collection<String> userIds, String conversationId) {
    return write(userIds.stream().map(userId -> addition(userId, conversationId)));
  }

  /** Every conversation the user has been recorded in, possibly more than they are in now. */
  public Mono<List<String>> conversationsOf(String userId) {
    return byUser.read(userId).defaultIfEmpty(List.of());
  }

  /**
   * A database written by a version without this index gets it built once, from every conversation's members
   * and every group window (a user who left a group still reads up to their leaving). Run at start by every
   * service before it takes traffic; done once, noted in {@code migrations}. A router of the older version
   * still running while a newer one starts would add members this misses: stop old routers first.
   */
  Mono<Void> backfillOnce() {
    MongoCollection<Document> migrations = database.getCollection(MIGRATIONS);
    return Mono.from(migrations.find(Filters.eq("_id", BACKFILLED)).first())
        .hasElement()
        .flatMap(done -> done ? Mono.<Void>empty() : backfill()
            .then(Mono.from(migrations.insertOne(new Document("_id", BACKFILLED))))
            .onErrorResume(DuplicateKeys::isDuplicateKey, another -> Mono.empty())
            .then());
  }

  private Mono<Void> backfill() {
    Flux<WriteModel<Document>> fromConversations = Flux.from(database.getCollection(ConversationStore.COLLECTION)
            .find().projection(new Document("members", 1)))
        .flatMapIterable(document -> document.getList("members", String.class, List.of()).stream()
            .map(userId -> addition(userId, document.getString("_id")))
            .toList());
    Flux<WriteModel<Document>> fromWindows = Flux.from(database.getCollection(MembershipStore.COLLECTION)
            .find().projection(new Document("conversationId", 1).append("userId", 1)))
        .map(document -> addition(document.getString("userId"), document.getString("conversationId")));
    return write(fromConversations.concatWith(fromWindows));
  }

  private static WriteModel<Document> addition(String userId, String conversationId) {
    return new UpdateOneModel<>(Filters.eq("_id", userId), Updates.addToSet(CONVERSATIONS, conversationId),
        new UpdateOptions().upsert(true));
  }

  private Mono<Void> write(Stream<WriteModel<Document>> writes) {
    return write(Flux.fromStream(writes));
  }

  private Mono<Void> write(Flux<WriteModel<Document>> writes) {
    return writes
        .buffer(WRITE_BATCH)
        .concatMap(batch -> index.bulkWrite(batch, new BulkWriteOptions().ordered(false)))
        .then();
  }
}
