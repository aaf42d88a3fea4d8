package io.switchboard.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

  @Test
  void startsEmbeddedServersWhenNoneAreNamed(@TempDir Path dataDirectory) {
    var options = new EmbeddedInfrastructure.Options(dataDirectory, true, 0);
    try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(options, name -> null)) {
      assertThat(infrastructure.properties())
          .hasEntrySatisfying(EmbeddedInfrastructure.BROKER_URI_PROPERTY,
              uri -> assertThat(uri.toString()).startsWith("amqp://guest:guest@127.0.0.1:"))
          .hasEntrySatisfying(EmbeddedInfrastructure.MONGODB_URI_PROPERTY,
              uri -> assertThat(uri.toString()).startsWith("mongodb://127.0.0.1:"))
          .hasEntrySatisfying(EmbeddedInfrastructure.REDIS_URI_PROPERTY,
              uri -> assertThat(uri.toString()).startsWith("redis://127.0.0.1:"));
    }
    assertThat(dataDirectory.resolve("mongodb").resolve("switchboard.mv.db")).exists();
  }

  @Test
  void keepsTheMongoDbStandInInMemoryWhenAskedTo(@TempDir Path dataDirectory) {
    Map<String, String> settings = Map.of(
        EmbeddedInfrastructure.RABBITMQ_URI_SETTING, "amqp://user:secret@rabbit.example:5672",
        EmbeddedInfrastructure.REDIS_URI_SETTING, "redis://redis.example:6379",
        EmbeddedInfrastructure.EMBEDDED_MONGODB_SETTING, "memory");
    var options = new EmbeddedInfrastructure.Options(dataDirectory, true, 0);
    try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(options, settings::get)) {
      assertThat(infrastructure.properties()).hasEntrySatisfying(EmbeddedInfrastructure.MONGODB_URI_PROPERTY,
          uri -> assertThat(uri.toString()).startsWith("mongodb://127.0.0.1:"));
    }
    assertThat(dataDirectory.resolve("mongodb")).doesNotExist();
  }

  @Test
  void usesNamedServersAndStartsNothing(@TempDir Path dataDirectory) {
    Map<String, String> settings = Map.of(
        EmbeddedInfrastructure.RABBITMQ_URI_SETTING, "amqp://user:secret@rabbit.example:5672",
        EmbeddedInfrastructure.MONGODB_URI_SETTING, "mongodb://mongo.example:27017",
        EmbeddedInfrastructure.REDIS_URI_SETTING, "redis://redis.example:6379");
    var options = new EmbeddedInfrastructure.Options(dataDirectory, true, 0);

    try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(options, settings::get)) {
      assertThat(infrastructure.properties()).isEqualTo(Map.of(
          EmbeddedInfrastructure.BROKER_URI_PROPERTY, "amqp://user:secret@rabbit.example:5672",
          EmbeddedInfrastructure.MONGODB_URI_PROPERTY, "mongodb://mongo.example:27017",
          EmbeddedInfrastructure.REDIS_URI_PROPERTY, "redis://redis.example:6379"));
    }
    assertThat(dataDirectory).isEmptyDirectory();
  }
}
