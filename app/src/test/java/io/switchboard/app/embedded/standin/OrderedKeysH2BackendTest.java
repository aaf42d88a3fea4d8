package io.switchboard.app.embedded.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stand-in's file backend with natively compared index keys and BSON documents, through the real MongoDB
 * driver: unique indexes still find every key and refuse every duplicate, and documents come back equal, across
 * restarts and on files the stock backend wrote.
 */
class OrderedKeysH2BackendTest {

  @TempDir
  Path directory;

  @Test
  void uniqueIndexesFindEveryKeyAndRefuseEveryDuplicateAcrossARestart() {
    Path file = directory.resolve("ordered.mv.db");
    withDatabase(file, OrderedKeysH2Backend::new, messages -> {
      Mono.from(messages.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true)))
          .block();
      insertMixedKeys(messages);
      assertAllFoundAndDuplicatesRefused(messages);
    });

    withDatabase(file, OrderedKeysH2Backend::new, this::assertAllFoundAndDuplicatesRefused);
    assertThat(indexMaps(file)).isNotEmpty().allSatisfy(name -> assertThat(name).endsWith(".ordered"));
  }

  @Test
  void aFileWrittenByTheStockBackendIsMovedToOrderedKeysOnOpening() {
    Path file = directory.resolve("stock.mv.db");
    withDatabase(file, H2Backend::new, messages -> {
      Mono.from(messages.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true)))
          .block();
      insertMixedKeys(messages);
    });
    assertThat(indexMaps(file)).isNotEmpty().noneSatisfy(name -> assertThat(name).endsWith(".ordered"));

    withDatabase(file, OrderedKeysH2Backend::new, this::assertAllFoundAndDuplicatesRefused);
    assertThat(indexMaps(file)).isNotEmpty().allSatisfy(name -> assertThat(name).endsWith(".ordered"));
    assertThat(documentMaps(file)).containsExactly("databases.switchboard.messages.bson");
    withDatabase(file, OrderedKeysH2Backend::new, this::assertAllFoundAndDuplicatesRefused);
  }

  @Test
  void documentsOfEveryValueTypeComeBackEqualAfterARestartAndFromAStockFile() {
    Document everything = documentOfEveryValueType();
    Path file = directory.resolve("values.mv.db");
    withDatabase(file, OrderedKeysH2Backend::new, messages -> Mono.from(messages.insertOne(everything)).block());
    withDatabase(file, OrderedKeysH2Backend::new, messages ->
        assertThat(Mono.from(messages.find(Filters.eq("_id", "all"))).block()).isEqualTo(everything));
    assertThat(documentMaps(file)).containsExactly("databases.switchboard.messages.bson");

    Path stockFile = directory.resolve("stock-values.mv.db");
    withDatabase(stockFile, H2Backend::new, messages -> Mono.from(messages.insertOne(everything)).block());
    assertThat(documentMaps(stockFile)).containsExactly("databases.switchboard.messages");
    withDatabase(stockFile, OrderedKeysH2Backend::new, messages ->
        assertThat(Mono.from(messages.find(Filters.eq("_id", "all"))).block()).isEqualTo(everything));
    assertThat(documentMaps(stockFile)).containsExactly("databases.switchboard.messages.bson");
  }

  @Test
  void aRenamedCollectionKeepsItsDocumentsAndADroppedOneLeavesNoMapBehind() {
    Path file = directory.resolve("rename.mv.db");
    withDatabase(file, OrderedKeysH2Backend::new, messages -> {
      insertMixedKeys(messages);
      Mono.from(messages.renameCollection(new MongoNamespace("switchboard", "archive"))).block();
    });
    assertThat(documentMaps(file)).containsExactly("databases.switchboard.archive.bson");
    withDatabase(file, OrderedKeysH2Backend::new, messages -> {
      var archive = messages.withDocumentClass(Document.class);
      assertThat(Mono.from(archive.countDocuments()).block()).isZero(); // "messages" is gone
    });
    withCollection(file, "archive", archive -> {
      assertThat(ids(archive, Filters.eq("_id", "m5"))).containsExactly("m5");
      assertThat(Mono.from(archive.countDocuments()).block()).isEqualTo(8);
      Mono.from(archive.drop()).block();
    });
    assertThat(documentMaps(file)).noneSatisfy(name -> assertThat(name).contains("archive"));
  }

  /** One field of each BSON type a client can store, nested documents and arrays included. */
  private static Document documentOfEveryValueType() {
    return new Document("_id", "all")
        .append("text", "héllo ✓")
        .append("int", 42)
        .append("long", 1L << 40)
        .append("double", 2.5)
        .append("decimal", new Decimal128(new BigDecimal("12.345")))
        .append("bool", true)
        .append("date", new Date(1_700_000_000_123L))
        .append("nothing", null)
        .append("objectId", new ObjectId("65f1a2b3c4d5e6f708091a2b"))
        .append("binary", new Binary(new byte[] {1, 2, 3}))
        .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
        .append("nested", new Document("a", 1).append("b", List.of("x", new Document("c", 2L))))
        .append("array", List.of(1, "two", 3.0, List.of(4)));
  }

  @Test
  void anUpdateMovesADocumentsKeyAndADroppedIndexLeavesNoMapBehind() {
    Path file = directory.resolve("update.mv.db");
    withDatabase(file, OrderedKeysH2Backend::new, messages -> {
      String index = Mono.from(messages.createIndex(Indexes.ascending("conversationId", "seq"),
          new IndexOptions().unique(true))).block();
      insertMixedKeys(messages);
      Mono.from(messages.updateOne(Filters.eq("_id", "m1"), Updates.set("seq", 100L))).block();

      assertThat(ids(messages, Filters.and(Filters.eq("conversationId", "c1"), Filters.eq("seq", 100L))))
          .containsExactly("m1");
      // the old key is free again, the new one taken
      Mono.from(messages.insertOne(new Document("_id", "m1-again").append("conversationId", "c1").append("seq", 1L)))
          .block();
      assertThatThrownBy(() -> Mono.from(messages.insertOne(
          new Document("_id", "m1-twice").append("conversationId", "c1").append("seq", 100L))).block())
          .isInstanceOf(MongoWriteException.class);

      Mono.from(messages.dropIndex(index)).block();
    });
    assertThat(indexMaps(file)).noneSatisfy(name -> assertThat(name).contains("conversationId"));
  }

  /** Keys of several value types, including ones with no natural order (documents) and absent values. */
  private static void insertMixedKeys(MongoCollection<Document> messages) {
    Flux.from(messages.insertMany(List.of(
        new Document("_id", "m1").append("conversationId", "c1").append("seq", 1L),
        new Document("_id", "m2").append("conversationId", "c1").append("seq", 2L),
        new Document("_id", "m3").append("conversationId", "c2").append("seq", 1L),
        new Document("_id", "m4").append("conversationId", "c2").append("seq", 2.5),
        new Document("_id", "m5").append("conversationId", "c3").append("seq", new Document("a", 1)),
        new Document("_id", "m6").append("conversationId", "c3").append("seq", new Document("a", 2)),
        new Document("_id", "m7").append("conversationId", "c3"),
        new Document("_id", 8).append("conversationId", null).append("seq", "text")))).blockLast();
  }

  private void assertAllFoundAndDuplicatesRefused(MongoCollection<Document> messages) {
    assertThat(ids(messages, Filters.eq("_id", "m2"))).containsExactly("m2");
    assertThat(ids(messages, Filters.eq("_id", 8))).containsExactly(8);
    assertThat(ids(messages, Filters.and(Filters.eq("conversationId", "c2"), Filters.eq("seq", 1L))))
        .containsExactly("m3");
    assertThat(ids(messages, Filters.and(Filters.eq("conversationId", "c3"), Filters.eq("seq", new Document("a", 2)))))
        .containsExactly("m6");
    List<Document> duplicates = List.of(
        new Document("_id", "m2"),
        new Document("_id", 8),
        new Document("_id", "d1").append("conversationId", "c1").append("seq", 2L),
        new Document("_id", "d2").append("conversationId", "c2").append("seq", 2.5),
        new Document("_id", "d3").append("conversationId", "c3").append("seq", new Document("a", 1)),
        new Document("_id", "d4").append("conversationId", "c3"),
        new Document("_id", "d5").append("conversationId", null).append("seq", "text"));
    for (Document duplicate : duplicates) {
      assertThatThrownBy(() -> Mono.from(messages.insertOne(duplicate)).block())
          .as("duplicate %s", duplicate.toJson())
          .isInstanceOfSatisfying(MongoWriteException.class,
              refused -> assertThat(refused.getError().getCode()).isEqualTo(11000));
    }
    assertThat(Mono.from(messages.countDocuments()).block()).isEqualTo(8);
  }

  private static List<Object> ids(MongoCollection<Document> messages, org.bson.conversions.Bson filter) {
    return Flux.from(messages.find(filter)).map(document -> document.get("_id")).collectList().block();
  }

  private static void withDatabase(Path file, Function<MVStore, MongoBackend> backend,
      Consumer<MongoCollection<Document>> work) {
    StandInFiles.withCollection(file, backend, "messages", work);
  }

  private static void withCollection(Path file, String collection, Consumer<MongoCollection<Document>> work) {
    StandInFiles.withCollection(file, OrderedKeysH2Backend::new, collection, work);
  }

  /** The maps holding collections' documents (the stock name, or ours with ".bson"). */
  private static List<String> documentMaps(Path file) {
    return StandInFiles.mapNames(file, name -> name.startsWith("databases.switchboard.") && !name.contains("system"));
  }

  private static List<String> indexMaps(Path file) {
    return StandInFiles.mapNames(file, name -> name.contains("._index_"));
  }
}
