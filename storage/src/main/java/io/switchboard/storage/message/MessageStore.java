package io.switchboard.storage.message;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.ExactMatch;
import io.switchboard.storage.IndexedStore;
import io.switchboard.storage.StorageLimits;
import io.switchboard.storage.batching.KeyedReads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
 *
 * <p>A third, on {@code place} ("conversationId#seq"), is for reading. Every read here knows both ends of
 * its range, so it asks for the places in it by name ({@code place $in [...]}) rather than for a range of
 * seq. A real MongoDB answers either from an index; the embedded stand-in the all-in-one server runs on
 * (mongo-java-server) answers a range by scanning the whole collection while holding its lock, and its
 * indexes answer only exact keys and {@code $in} on one field. The benchmark's profile found those scans
 * (one per receipt, per gap fill, per backlog page) taking most of the server's CPU as messages piled up.
 * A window wider than one page is asked for one page of places at a time; where holes (seqs whose message
 * was never stored) leave a page short, the range query answers instead, so every result is exact.
 */
@Component
public class MessageStore implements IndexedStore {

  static final String COLLECTION = "messages";

  /** The field "conversationId#seq": one message's place, found through a unique index by name. */
  static final String PLACE = "place";

  /** The widest range of seqs {@link #sendersBetween} names place by place before it asks for the range. */
  static final int MAX_NAMED_PLACES = 1_000;

  private static final Comparator<ChatMessage> BY_SEQ = Comparator.comparingLong(ChatMessage::seq);

  private final MongoCollection<Document> messages;
  /**
   * Short windows are read by naming every place in them, the commonest read of all (each connecting device
   * with something to catch up on makes one): those reading at once share one query.
   */
  private final KeyedReads<Document> byPlace;

  public MessageStore(MongoDatabase database) {
    this.messages = database.getCollection(COLLECTION);
    this.byPlace = new KeyedReads<>(places -> Flux.from(messages.find(Filters.in(PLACE, places)))
        .map(document -> Map.entry(document.getString(PLACE), document)));
  }

  @Override
  public Mono<Void> ensureIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    return Mono.from(messages.createIndex(Indexes.ascending("conversationId", "seq"), unique))
        .then(Mono.from(messages.createIndex(Indexes.ascending("senderId", "clientMessageId"), unique)))
        .then(namePlacesOfOlderMessages())
        // sparse: a message stored by an older version has no place until the step above names it
        .then(Mono.from(messages.createIndex(Indexes.ascending(PLACE), new IndexOptions().unique(true).sparse(true))))
        .then();
  }

  /** Messages stored before places were kept get theirs, once: a scan at start, none after. */
  private Mono<Void> namePlacesOfOlderMessages() {
    return Flux.from(messages.find(Filters.exists(PLACE, false))
            .projection(new Document("conversationId", 1).append("seq", 1)))
        .concatMap(document -> messages.updateOne(Filters.eq("_id", document.get("_id")), Updates.set(PLACE,
            place(document.getString("conversationId"), document.get("seq", Number.class).longValue()))))
        .then();
  }

  static String place(String conversationId, long seq) {
    return conversationId + "#" + seq;
  }

  /** Fails with a duplicate-key error if the place or the client message id is taken. */
  public Mono<Void> insert(ChatMessage message) {
    return Mono.from(messages.insertOne(toDocument(message))).then();
  }

  public Mono<ChatMessage> findByClientMessageId(String senderId, String clientMessageId) {
    return Mono.from(messages
            .find(ExactMatch.of("senderId", senderId, "clientMessageId", clientMessageId))
            .first())
        .map(MessageStore::fromDocument);
  }

  public Mono<ChatMessage> findBySeq(String conversationId, long seq) {
    return Mono.from(messages
            .find(ExactMatch.of("conversationId", conversationId, "seq", seq))
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
    return window(conversationId, afterSeq + 1, beforeSeq - 1, true, limit);
  }

  /** Who sent the messages with seq in (afterSeq, uptoSeq]: whom a receipt covering that range concerns. */
  public Flux<String> sendersBetween(String conversationId, long afterSeq, long uptoSeq) {
    if (uptoSeq <= afterSeq) {
      return Flux.empty();
    }
    Bson filter = uptoSeq - afterSeq <= MAX_NAMED_PLACES
        ? places(conversationId, afterSeq + 1, uptoSeq)
        : seqs(conversationId, afterSeq + 1, uptoSeq);
    return Flux.from(messages.distinct("senderId", filter, String.class));
  }

  /**
   * Messages with seq in (afterSeq, throughSeq], oldest first, at most {@code limit}: reading forward without
   * passing the end of a member's window.
   */
  public Flux<ChatMessage> range(String conversationId, long afterSeq, long throughSeq, int limit) {
    return window(conversationId, afterSeq + 1, throughSeq, true, limit);
  }

  /**
   * Messages with seq in [fromSeq, beforeSeq), newest first, at most {@code limit}: scrolling back without
   * passing the start of a member's window.
   */
  public Flux<ChatMessage> backFrom(String conversationId, long beforeSeq, long fromSeq, int limit) {
    return window(conversationId, fromSeq, beforeSeq - 1, false, limit);
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

  /**
   * The messages with seq in [first, last], oldest first (or newest first), at most {@code limit}: read by
   * place. A window of at most a page asks for every place in it, which is exact. A wider one asks for the
   * first page of places from the end it reads from; if every one is taken those are the answer, and if
   * holes leave it short the range query gives the exact one.
   */
  private Flux<ChatMessage> window(String conversationId, long first, long last, boolean oldestFirst, int limit) {
    if (last < first) {
      return Flux.empty();
    }
    int bounded = Math.max(1, Math.min(limit, StorageLimits.MAX_PAGE_SIZE));
    Bson sort = oldestFirst ? Sorts.ascending("seq") : Sorts.descending("seq");
    if (last - first < bounded) {
      return byPlace.read(placeNames(conversationId, first, last))
          .flatMapIterable(found -> found.values().stream()
              .map(MessageStore::fromDocument)
              .sorted(oldestFirst ? BY_SEQ : BY_SEQ.reversed())
              .toList());
    }
    long from = oldestFirst ? first : last - bounded + 1;
    long to = oldestFirst ? first + bounded - 1 : last;
    return Flux.from(messages.find(places(conversationId, from, to)).sort(sort)).collectList()
        .flatMapMany(named -> named.size() == bounded
            ? Flux.fromIterable(named)
            : Flux.from(messages.find(seqs(conversationId, first, last)).sort(sort).limit(bounded)))
        .map(MessageStore::fromDocument);
  }

  /**
   * For each conversation, those of its {@code depth} newest places (up to and including the given seq) that
   * hold a stored message, in no particular order: one query by place for a whole page of conversations.
   */
  public Flux<ChatMessage> newestOf(Map<String, Long> lastSeqs, int depth) {
    List<String> named = new ArrayList<>(lastSeqs.size() * depth);
    lastSeqs.forEach((conversationId, lastSeq) -> {
      for (long seq = lastSeq; seq > Math.max(0, lastSeq - depth); seq--) {
        named.add(place(conversationId, seq));
      }
    });
    if (named.isEmpty()) {
      return Flux.empty();
    }
    return Flux.from(messages.find(Filters.in(PLACE, named))).map(MessageStore::fromDocument);
  }

  /** Seq {@code first} through {@code last} as a range: exact whatever holes there are, but a scan on the stand-in. */
  private static Bson seqs(String conversationId, long first, long last) {
    return Filters.and(Filters.eq("conversationId", conversationId), Filters.gte("seq", first), Filters.lte("seq", last));
  }

  /** A filter naming every place from seq {@code first} through {@code last}: only the place index is asked. */
  private static Bson places(String conversationId, long first, long last) {
    return Filters.in(PLACE, placeNames(conversationId, first, last));
  }

  private static List<String> placeNames(String conversationId, long first, long last) {
    List<String> named = new ArrayList<>((int) (last - first + 1));
    for (long seq = first; seq <= last; seq++) {
      named.add(place(conversationId, seq));
    }
    return named;
  }

  static Document toDocument(ChatMessage message) {
    Document document = new Document("_id", message.messageId())
        .append("conversationId", message.conversationId())
        .append("seq", message.seq())
        .append(PLACE, place(message.conversationId(), message.seq()))
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
