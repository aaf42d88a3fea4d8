package io.switchboard.app.embedded.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Non-unique indexes on the stand-in's file backend: a query that requires values of an index's leading fields
 * is answered from the index (the index names the right documents) unless a unique index can answer it, and
 * through the real driver every answer stays what a scan gives, after inserts, updates that move keys, deletes,
 * a restart, and on a file whose index was never filled.
 */
class OrderedKeysSecondaryIndexTest {

  private static final String BY_MEMBER = "members_1_lastActivityAt_-1__id_-1";
  private static final String BY_MEMBER_MAP =
      "switchboard.conversations._index_" + BY_MEMBER + OrderedKeysH2Database.SECONDARY_SUFFIX;

  @TempDir
  Path directory;

  @Test
  void aQueryOnTheLeadingFieldsIsAnsweredFromTheIndexWithEveryDocumentThatHasTheValue() {
    OrderedKeysSecondaryIndex index = conversationsByMember(new MVStore.Builder().open());
    index.add(conversation("c1", List.of("ada", "bob"), 1), "c1", null);
    index.add(conversation("c2", List.of("bob", "cy"), 2), "c2", null);
    index.add(conversation("c3", List.of("ada", "cy"), 3), "c3", null);

    assertThat(positions(index, query("members", "ada"))).containsExactlyInAnyOrder("c1", "c3");
    assertThat(positions(index, query("members", "dan"))).isEmpty();
    // keyed by the first field alone: the collection matches the rest of the query against what it names
    assertThat(positions(index, query("members", "cy").append("lastActivityAt", Instant.ofEpochSecond(2))))
        .containsExactlyInAnyOrder("c2", "c3");
    assertThat(index.getCount()).isEqualTo(6); // one entry per member of each conversation
  }

  @Test
  void anUpdateMovesEntriesOnlyWhenTheFirstFieldChanges() {
    OrderedKeysSecondaryIndex index = conversationsByMember(new MVStore.Builder().open());
    de.bwaldvogel.mongo.bson.Document before = conversation("c1", List.of("ada", "bob"), 1);
    index.add(before, "c1", null);

    de.bwaldvogel.mongo.bson.Document newerActivity = conversation("c1", List.of("ada", "bob"), 2);
    index.updateInPlace(before, newerActivity, "c1", null);
    assertThat(positions(index, query("members", "bob"))).containsExactly("c1");

    de.bwaldvogel.mongo.bson.Document bobLeft = conversation("c1", List.of("ada", "cy"), 3);
    index.updateInPlace(newerActivity, bobLeft, "c1", null);
    assertThat(positions(index, query("members", "bob"))).isEmpty();
    assertThat(positions(index, query("members", "cy"))).containsExactly("c1");
    assertThat(positions(index, query("members", "ada"))).containsExactly("c1");
    assertThat(index.getCount()).isEqualTo(2);
  }

  @Test
  void aQueryThatRequiresALeadingValueAnywhereInItsConjunctionIsLeftToTheIndex() {
    OrderedKeysSecondaryIndex index = conversationsByMember(new MVStore.Builder().open());
    List<de.bwaldvogel.mongo.bson.Document> indexed = List.of(
        query("members", "ada"),
        query("members", "ada").append("lastActivityAt", Instant.EPOCH),
        query("members", "ada").append("kind", "direct"), // the collection checks the rest
        query("$and", List.of(query("members", "ada"), query("kind", query("$exists", true)))),
        // the list's next page: the member's conversations after a place in the list
        query("$and", List.of(query("members", "ada"), query("$or", List.of(
            query("lastActivityAt", query("$lt", Instant.EPOCH)),
            query("$and", List.of(query("lastActivityAt", Instant.EPOCH), query("_id", query("$lt", "c9")))))))));
    List<de.bwaldvogel.mongo.bson.Document> scanned = List.of(
        new de.bwaldvogel.mongo.bson.Document(),
        query("lastActivityAt", Instant.EPOCH), // not the leading field
        query("members", query("$in", List.of("ada"))),
        query("members", List.of("ada", "bob")), // an array is matched whole
        query("members", null), // null also matches a missing field
        query("$or", List.of(query("members", "ada"), query("members", "bob"))));

    assertThat(indexed).allSatisfy(query -> assertThat(index.canHandle(query)).as("%s", query).isTrue());
    assertThat(scanned).allSatisfy(query -> assertThat(index.canHandle(query)).as("%s", query).isFalse());
  }

  @Test
  void aUniqueIndexThatCanAnswerIsAskedBeforeANonUniqueOneCreatedEarlier() {
    MVStore store = new MVStore.Builder().open();
    OrderedKeysSecondaryIndex byMember = conversationsByMember(store);
    OrderedKeysIndex byIdAndMember = new OrderedKeysIndex(
        store.openMap("unique", new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE)),
        "_id_members", List.of(new IndexKey("_id", true), new IndexKey("members", true)), false);
    List<Index<Object>> inCreationOrder = List.of(byMember, byIdAndMember);

    // a sequence number is taken with exactly this filter: one conversation, not all of the sender's
    assertThat(OrderedKeysH2Collection.answering(inCreationOrder, query("_id", "c1").append("members", "ada")))
        .isSameAs(byIdAndMember);
    assertThat(OrderedKeysH2Collection.answering(inCreationOrder, query("members", "ada"))).isSameAs(byMember);
    assertThat(OrderedKeysH2Collection.answering(inCreationOrder, query("kind", "group"))).isNull();
  }

  @Test
  void aConjunctionThroughTheDriverFindsWhatAScanFinds() {
    Path file = directory.resolve("devices.mv.db");
    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, "devices", devices -> {
      indexAndInsert(devices, Indexes.ascending("userId"),
          new Document("_id", "d1").append("userId", "ada"),
          new Document("_id", "d2").append("userId", "ada").append("signedOutAt", new Date(1)),
          new Document("_id", "d3").append("userId", "ada"),
          new Document("_id", "d4").append("userId", "bob"));

      // the driver writes this as {$and: [{userId: "ada"}, {signedOutAt: {$exists: false}}]}
      assertThat(ids(devices, Filters.and(Filters.eq("userId", "ada"), Filters.exists("signedOutAt", false))))
          .containsExactlyInAnyOrder("d1", "d3");
      assertThat(ids(devices, Filters.and(Filters.eq("_id", "d3"), Filters.eq("userId", "ada")))).containsExactly("d3");
      assertThat(ids(devices, Filters.and(Filters.eq("_id", "d4"), Filters.eq("userId", "ada")))).isEmpty();
    });
  }

  @Test
  void answersStayExactThroughUpdatesDeletesAndARestart() {
    Path file = directory.resolve("members.mv.db");
    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, "conversations", conversations -> {
      indexByMemberAndInsert(conversations,
          driverConversation("c1", List.of("ada", "bob"), 1),
          driverConversation("c2", List.of("bob", "cy"), 2),
          driverConversation("c3", List.of("ada", "cy"), 3),
          driverConversation("c4", List.of("ada"), 4));
      assertThat(listOf(conversations, "ada")).containsExactly("c4", "c3", "c1");

      // activity moves a key of every member; membership adds and removes keys; a delete removes them all
      Mono.from(conversations.updateOne(Filters.eq("_id", "c1"), Updates.set("lastActivityAt", new Date(5_000))))
          .block();
      Mono.from(conversations.updateOne(Filters.eq("_id", "c2"), Updates.addToSet("members", "ada"))).block();
      Mono.from(conversations.updateOne(Filters.eq("_id", "c3"), Updates.pull("members", "ada"))).block();
      Mono.from(conversations.deleteOne(Filters.eq("_id", "c4"))).block();
      Mono.from(conversations.updateOne(Filters.eq("_id", "c5"),
          Updates.combine(Updates.setOnInsert("members", List.of("ada", "dan")),
              Updates.setOnInsert("lastActivityAt", new Date(6_000))),
          new UpdateOptions().upsert(true))).block();

      assertThat(listOf(conversations, "ada")).containsExactly("c5", "c1", "c2");
      assertThat(listOf(conversations, "cy")).containsExactly("c3", "c2");
      assertThat(ids(conversations, Filters.in("members", "dan", "bob"))).containsExactlyInAnyOrder("c1", "c2", "c5");
    });
    // c1 ada bob · c2 bob cy ada · c3 cy · c5 ada dan: nothing stale left behind
    assertThat(StandInFiles.entries(file, BY_MEMBER_MAP)).isEqualTo(8);

    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, "conversations", conversations -> {
      assertThat(listOf(conversations, "ada")).containsExactly("c5", "c1", "c2");
      assertThat(listOf(conversations, "bob")).containsExactly("c1", "c2");
    });
  }

  @Test
  void numbersEqualToMongoDbAreOneKey() {
    Path file = directory.resolve("numbers.mv.db");
    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, "scores", scores -> {
      indexAndInsert(scores, Indexes.ascending("points"),
          new Document("_id", "int").append("points", 1),
          new Document("_id", "long").append("points", 1L),
          new Document("_id", "double").append("points", 1.0),
          new Document("_id", "other").append("points", 2));

      for (Object one : List.of(1, 1L, 1.0)) {
        assertThat(ids(scores, Filters.eq("points", one))).as("points = %s", one)
            .containsExactlyInAnyOrder("int", "long", "double");
      }
    });
  }

  @Test
  void anIndexTheStockBackendIgnoredIsFilledOnOpeningAndADroppedOneLeavesNoMap() {
    Path file = directory.resolve("stock.mv.db");
    StandInFiles.withCollection(file, H2Backend::new, "conversations", conversations -> {
      indexByMemberAndInsert(conversations,
          driverConversation("c1", List.of("ada", "bob"), 1),
          driverConversation("c2", List.of("ada", "cy"), 2));
    });

    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, "conversations", conversations -> {
      assertThat(listOf(conversations, "ada")).containsExactly("c2", "c1");
      assertThat(listOf(conversations, "bob")).containsExactly("c1");
    });
    assertThat(StandInFiles.entries(file, BY_MEMBER_MAP)).isEqualTo(4);

    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, "conversations",
        conversations -> Mono.from(conversations.dropIndex(BY_MEMBER)).block());
    assertThat(StandInFiles.mapNames(file, name -> name.contains("._index_" + BY_MEMBER))).isEmpty();
  }

  private static OrderedKeysSecondaryIndex conversationsByMember(MVStore store) {
    MVMap<KeyValue, Object> map =
        store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
    return new OrderedKeysSecondaryIndex(map, BY_MEMBER,
        List.of(new IndexKey("members", true), new IndexKey("lastActivityAt", false), new IndexKey("_id", false)),
        false);
  }

  /** The conversation list's index (as ConversationStore declares it), then the conversations. */
  private static void indexByMemberAndInsert(MongoCollection<Document> conversations, Document... inserted) {
    indexAndInsert(conversations, Indexes.compoundIndex(Indexes.ascending("members"),
        Indexes.descending("lastActivityAt"), Indexes.descending("_id")), inserted);
  }

  private static void indexAndInsert(MongoCollection<Document> collection, Bson index, Document... inserted) {
    Mono.from(collection.createIndex(index)).block();
    Flux.from(collection.insertMany(List.of(inserted))).blockLast();
  }

  private static de.bwaldvogel.mongo.bson.Document query(String field, Object value) {
    return new de.bwaldvogel.mongo.bson.Document(field, value);
  }

  /** A conversation as the stand-in holds it. */
  private static de.bwaldvogel.mongo.bson.Document conversation(String id, List<String> members, long second) {
    return new de.bwaldvogel.mongo.bson.Document("_id", id).append("members", members)
        .append("lastActivityAt", Instant.ofEpochSecond(second));
  }

  /** A conversation as a client of the driver writes it. */
  private static Document driverConversation(String id, List<String> members, long second) {
    return new Document("_id", id).append("members", members).append("lastActivityAt", new Date(second * 1000));
  }

  private static List<Object> positions(OrderedKeysSecondaryIndex index, de.bwaldvogel.mongo.bson.Document query) {
    return StreamSupport.stream(index.getPositions(query).spliterator(), false).toList();
  }

  /** The member's conversations, latest activity first: the conversation list's query. */
  private static List<Object> listOf(MongoCollection<Document> conversations, String member) {
    return Flux.from(conversations.find(Filters.eq("members", member)).sort(Sorts.descending("lastActivityAt")))
        .map(document -> document.get("_id")).collectList().block();
  }

  private static List<Object> ids(MongoCollection<Document> collection, Bson filter) {
    return Flux.from(collection.find(filter)).map(document -> document.get("_id")).collectList().block();
  }
}
