package io.switchboard.storage.conversation;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.ExactMatch;
import io.switchboard.storage.IndexedStore;
import io.switchboard.storage.StorageLimits;
import io.switchboard.storage.batching.KeyedReads;
import io.switchboard.storage.message.EventDocuments;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The conversations collection: {@code _id}, kind, members, lastSeq (the last sequence number handed out) and
 * lastActivityAt. Versions before 2026-12 also kept a copy of the last message ({@code lastMessage}); it is
 * still read, and {@link ConversationPreviews} prefers the stored messages to it.
 */
@Component
public class ConversationStore implements IndexedStore {

  /** Shared with the group store: a group is a conversation with more fields. */
  public static final String COLLECTION = "conversations";

  static final String LIST_INDEX = "members_1_lastActivityAt_-1__id_-1";
  private static final String OLD_LIST_INDEX = "members_1_lastActivityAt_-1";
  /** The conversation list's order: latest activity first, then by id (activity is kept to the millisecond). */
  private static final Bson LIST_ORDER = Sorts.descending("lastActivityAt", "_id");

  private final MongoCollection<Document> conversations;
  private final MemberIndex memberIndex;
  /** Read by id on every connect (twice), receipt and typing notice: those reading at once share one query. */
  private final KeyedReads<Document> byId;

  public ConversationStore(MongoDatabase database) {
    this.conversations = database.getCollection(COLLECTION);
    this.memberIndex = new MemberIndex(database);
    this.byId = new KeyedReads<>(ids -> Flux.from(conversations.find(Filters.in("_id", ids)))
        .map(document -> Map.entry(document.getString("_id"), document)));
  }

  @Override
  public Mono<Void> ensureIndexes() {
    // the conversation list: a member's conversations in list order, _id breaking ties so that a page's last row
    // is an exact place to go on from
    return Mono.from(conversations.createIndex(Indexes.compoundIndex(Indexes.ascending("members"),
            Indexes.descending("lastActivityAt"), Indexes.descending("_id")), new IndexOptions().name(LIST_INDEX)))
        // the list index before 2026-12-07, without the tie-break: the one above serves every query it served.
        // Dropped only where it exists: dropping a missing index is an error, which the stand-in logs as one.
        .then(Flux.from(conversations.listIndexes())
            .filter(index -> OLD_LIST_INDEX.equals(index.getString("name")))
            .concatMap(old -> conversations.dropIndex(OLD_LIST_INDEX))
            .onErrorComplete(MongoCommandException.class) // dropped meanwhile by another instance
            .then())
        // Every message's sequence number is taken with the filter {_id, members}. A real MongoDB answers it
        // from _id alone; the embedded stand-in (mongo-java-server) uses an index only when the filter names
        // exactly its fields, and otherwise scans the collection under its lock, so this one is for it. Unique
        // because the stand-in keeps no other kind; _id is unique, so it can never refuse a write.
        .then(Mono.from(conversations.createIndex(Indexes.ascending("_id", "members"),
            new IndexOptions().unique(true).name("_id_members"))))
        // likewise for a group change, which applies only to the version it was decided on (GroupStore)
        .then(Mono.from(conversations.createIndex(Indexes.ascending("_id", "version"),
            new IndexOptions().unique(true).name("_id_version"))))
        .then(memberIndex.backfillOnce());
  }

  /**
   * Creates the direct conversation if it does not exist yet; harmless if it does. Its members are recorded in
   * the {@link MemberIndex} first, so nobody is ever a member of a conversation their index lacks.
   */
  public Mono<Void> ensureDirect(String conversationId, List<String> members, Instant now) {
    Bson create = Updates.combine(
        Updates.setOnInsert("kind", ConversationKind.DIRECT.name()),
        Updates.setOnInsert("members", members),
        Updates.setOnInsert("lastSeq", 0L),
        Updates.setOnInsert("createdAt", Date.from(now)),
        Updates.setOnInsert("lastActivityAt", Date.from(now)));
    return memberIndex.add(members, conversationId)
        .then(Mono.from(conversations.updateOne(Filters.eq("_id", conversationId), create,
            new UpdateOptions().upsert(true))))
        .then();
  }

  public Mono<Conversation> find(String conversationId) {
    return byId.read(conversationId).map(ConversationStore::fromDocument);
  }

  /**
   * Hands out the conversation's next sequence number. The number may be lost if the caller then fails to
   * store its message (leaving a hole), but it is never handed out twice on real MongoDB; the unique
   * (conversationId, seq) index on messages refuses a repeat where the stand-in is not atomic.
   */
  public Mono<Long> allocateSeq(String conversationId) {
    return Mono.from(conversations.findOneAndUpdate(
            Filters.eq("_id", conversationId),
            Updates.inc("lastSeq", 1L),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(document -> document.get("lastSeq", Number.class).longValue());
  }

  /**
   * Hands out the next sequence number only if {@code senderId} is a member, and says who the members are at
   * that very number. Membership changes update the members and take their own number in one write to the
   * same document, so the members returned here are exactly those due the message: nobody removed before it,
   * everybody added before it. Empty if the sender is not a member (or there is no such conversation).
   *
   * <p>The same write moves the conversation's last activity to {@code sentAt}, so a conversation list sorts
   * by it without a second write per message (its preview is read with the list: {@link ConversationPreviews}).
   *
   * <p>The filter is exactly the fields of the unique (_id, members) index (see {@link #ensureIndexes}).
   */
  public Mono<SeqAllocation> allocateSeqAsMember(String conversationId, String senderId, Instant sentAt) {
    return Mono.from(conversations.findOneAndUpdate(
            ExactMatch.of("_id", conversationId, "members", senderId),
            Updates.combine(Updates.inc("lastSeq", 1L), Updates.max("lastActivityAt", Date.from(sentAt))),
            new FindOneAndUpdateOptions()
                .returnDocument(ReturnDocument.AFTER)
                .projection(Projections.include("lastSeq", "members"))))
        .map(document -> new SeqAllocation(
            document.get("lastSeq", Number.class).longValue(), document.getList("members", String.class)));
  }

  /** A sequence number and the members it is due to. */
  public record SeqAllocation(long seq, List<String> members) {}

  /** The member's conversations, latest activity first (ties by id), up to {@code limit}. */
  public Flux<Conversation> ofMember(String userId, int limit) {
    return listed(Filters.eq("members", userId), limit);
  }

  /**
   * The member's conversations that come after {@code position} in list order: the next page of the list. A
   * conversation that has had activity since the earlier page was read has moved above it and is not repeated.
   */
  public Flux<Conversation> ofMember(String userId, ListPosition position, int limit) {
    Date at = Date.from(position.lastActivityAt());
    return listed(Filters.and(Filters.eq("members", userId), Filters.or(
        Filters.lt("lastActivityAt", at),
        Filters.and(Filters.eq("lastActivityAt", at), Filters.lt("_id", position.conversationId())))), limit);
  }

  private Flux<Conversation> listed(Bson filter, int limit) {
    // one more than a page is allowed: how a caller tells whether another page follows
    int bounded = Math.max(1, Math.min(limit, StorageLimits.MAX_PAGE_SIZE + 1));
    return Flux.from(conversations.find(filter).sort(LIST_ORDER).limit(bounded))
        .map(ConversationStore::fromDocument);
  }

  /** A row's place in the conversation list: where the next page starts after it. */
  public record ListPosition(Instant lastActivityAt, String conversationId) {

    public static ListPosition of(Conversation conversation) {
      return new ListPosition(conversation.lastActivityAt(), conversation.conversationId());
    }
  }

  /**
   * Every conversation of the member, in no particular order: the catch-up walks all of them. Found through
   * the user's {@link MemberIndex} entry and then by {@code _id}: index lookups on any MongoDB, where
   * {@code {members: userId}} would be a scan of every conversation on the embedded stand-in's in-memory
   * backend (which keeps no non-unique index).
   */
  public Flux<Conversation> allOfMember(String userId) {
    return everOfMember(userId)
        // the index may name conversations the user has left
        .filter(conversation -> conversation.hasMember(userId));
  }

  /**
   * Every conversation the user is or has been a member of (and possibly one they were about to join when a
   * write failed): what the {@link MemberIndex} names. For catch-up, which also reads groups the user left.
   */
  public Flux<Conversation> everOfMember(String userId) {
    return memberIndex.conversationsOf(userId)
        .flatMap(byId::read)
        .flatMapIterable(Map::values)
        .map(ConversationStore::fromDocument);
  }

  /** The id of every conversation, in no particular order: what a rebuild of the search index walks. */
  public Flux<String> allIds() {
    return Flux.from(conversations.find().projection(Projections.include("_id")))
        .map(document -> document.getString("_id"));
  }

  static Conversation fromDocument(Document document) {
    Document last = document.get("lastMessage", Document.class);
    String id = document.getString("_id");
    ChatMessage lastMessage = last == null ? null : new ChatMessage(
        last.getString("messageId"), id, last.get("seq", Number.class).longValue(),
        last.getString("senderId"), last.getString("senderDeviceId"), last.getString("clientMessageId"),
        last.getString("body"), last.getDate("sentAt").toInstant(),
        EventDocuments.fromDocument(last.get("event", Document.class)));
    return new Conversation(
        id,
        ConversationKind.valueOf(document.getString("kind")),
        document.getList("members", String.class),
        document.get("lastSeq", Number.class).longValue(),
        document.getDate("lastActivityAt").toInstant(),
        lastMessage,
        document.getString("name"),
        document.getString("avatarUrl"));
  }
}
