package io.switchboard.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class EmbeddedMongoTest {

  @Test
  void inMemoryCreatesReadsUpdatesAndDeletes() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri())) {
      MongoCollection<Document> users = freshCollection(client);

      Mono.from(users.insertOne(new Document("_id", "ada").append("logins", 1))).block();
      Mono.from(users.updateOne(Filters.eq("_id", "ada"), Updates.inc("logins", 1))).block();
      assertThat(Mono.from(users.find(Filters.eq("_id", "ada")).first()).block())
          .containsEntry("logins", 2);

      Mono.from(users.deleteOne(Filters.eq("_id", "ada"))).block();
      assertThat(Mono.from(users.countDocuments()).block()).isZero();
    }
  }

  @Test
  void uniqueIndexRejectsADuplicate() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri())) {
      MongoCollection<Document> devices = freshCollection(client);
      Mono.from(devices.createIndex(Indexes.ascending("user", "device"), new IndexOptions().unique(true))).block();
      Mono.from(devices.insertOne(new Document("user", "ada").append("device", 1))).block();

      assertThatThrownBy(() -> Mono.from(devices.insertOne(new Document("user", "ada").append("device", 1))).block())
          .isInstanceOfSatisfying(MongoWriteException.class, duplicate -> {
            assertThat(duplicate.getError().getCode()).isEqualTo(11000);
            assertThat(duplicate.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
          });
    }
  }

  @Test
  void onDiskKeepsDataAcrossARestart(@TempDir Path dataDirectory) {
    Path file = dataDirectory.resolve("mongodb").resolve("switchboard.mv.db");
    String collection = "restart_" + UUID.randomUUID().toString().replace("-", "");

    try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file); MongoClient client = MongoClients.create(mongo.uri())) {
      MongoCollection<Document> messages = client.getDatabase("switchboard").getCollection(collection);
      Mono.from(messages.insertOne(new Document("_id", 1).append("text", "survives"))).block();
    }
    assertThat(file).exists();

    try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file); MongoClient client = MongoClients.create(mongo.uri())) {
      MongoCollection<Document> messages = client.getDatabase("switchboard").getCollection(collection);
      assertThat(Flux.from(messages.find()).collectList().block())
          .singleElement()
          .satisfies(message -> assertThat(message).containsEntry("text", "survives"));
    }
  }

  private static MongoCollection<Document> freshCollection(MongoClient client) {
    return client.getDatabase("switchboard").getCollection("test_" + UUID.randomUUID().toString().replace("-", ""));
  }
}
