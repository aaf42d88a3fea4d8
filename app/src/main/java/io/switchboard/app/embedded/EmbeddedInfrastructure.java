package io.switchboard.app.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the servers the services need inside the JVM, unless real ones are named, and says where they are
 * as Spring properties. Started before Spring, closed after it.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

  /** Names a real RabbitMQ (environment variable or system property); the embedded broker is then not started. */
  public static final String RABBITMQ_URI_SETTING = "SWITCHBOARD_RABBITMQ_URI";

  /** Names a real MongoDB (environment variable or system property); the embedded server is then not started. */
  public static final String MONGODB_URI_SETTING = "SWITCHBOARD_MONGODB_URI";

  /** Names a real Redis (environment variable or system property); the embedded server is then not started. */
  public static final String REDIS_URI_SETTING = "SWITCHBOARD_REDIS_URI";

  /** Names a real Elasticsearch (environment variable or system property); the embedded node is then not started. */
  public static final String ELASTICSEARCH_URI_SETTING = "SWITCHBOARD_ELASTICSEARCH_URI";

  /**
   * {@code memory} keeps the embedded MongoDB stand-in's data in memory even where the launcher would keep it
   * on disk: nothing survives a restart. For measuring (bench/run.sh with BENCH_MONGODB=memory): it separates
   * Switchboard's own costs from those of the stand-in's H2 file store.
   */
  public static final String EMBEDDED_MONGODB_SETTING = "SWITCHBOARD_EMBEDDED_MONGODB";

  public static final String BROKER_URI_PROPERTY = "switchboard.broker.uri";
  public static final String MONGODB_URI_PROPERTY = "switchboard.mongodb.uri";
  public static final String REDIS_URI_PROPERTY = "switchboard.redis.uri";
  /** Search runs only when this is set (see the search module's {@code SearchEnabled}). */
  public static final String ELASTICSEARCH_URI_PROPERTY = "switchboard.search.elasticsearch-uri";
  public static final String INDEX_CODEC_PROPERTY = "switchboard.search.index-codec";

  /**
   * The embedded node's indices store documents with Lucene's own codec. Elasticsearch's default one compresses
   * with zstd through a native library its distribution ships and its Maven jars do not: on Java 21 and later
   * the node finds none, the shard fails when it first flushes and search answers 503 from then on (on Java 17
   * it reaches the system's libzstd by another route, where one is installed).
   */
  static final String EMBEDDED_INDEX_CODEC = "legacy_default";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

  private final Map<String, Object> properties;
  private final List<AutoCloseable> started;

  private EmbeddedInfrastructure(Map<String, Object> properties, List<AutoCloseable> started) {
    this.properties = Map.copyOf(properties);
    this.started = started;
  }

  /**
   * @param dataDirectory holds the MongoDB file and Redis snapshot (when persistent) and Qpid's work directory
   * @param persistent MongoDB data on disk (H2 file) rather than in memory; broker messages are always in memory
   * @param rabbitPort the embedded broker's AMQP port; 0 for any free port
   * @param search start an embedded Elasticsearch (data under the data directory) unless a real one is named;
   *     it takes seconds and hundreds of MB, so tests that do not search leave it out, and search with it
   */
  public record Options(Path dataDirectory, boolean persistent, int rabbitPort, boolean search) {

    /** Without search. */
    public Options(Path dataDirectory, boolean persistent, int rabbitPort) {
      this(dataDirectory, persistent, rabbitPort, false);
    }
  }

  /** Real servers named in the environment or system properties win over embedded ones. */
  public static EmbeddedInfrastructure start(Options options) {
    return start(options, EmbeddedInfrastructure::setting);
  }

  /** As {@link #start(Options)}, with the settings looked up in {@code settings}; for tests. */
  static EmbeddedInfrastructure start(Options options, UnaryOperator<String> settings) {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      String brokerUri = settings.apply(RABBITMQ_URI_SETTING);
      if (brokerUri == null) {
        EmbeddedRabbitBroker broker =
            EmbeddedRabbitBroker.start(options.rabbitPort(), options.dataDirectory().resolve("qpid"));
        started.add(broker);
        brokerUri = broker.amqpUri();
      }
      String mongoUri = settings.apply(MONGODB_URI_SETTING);
      if (mongoUri == null) {
        boolean inMemory = !options.persistent() || "memory".equals(settings.apply(EMBEDDED_MONGODB_SETTING));
        if (inMemory && options.persistent()) {
          log.warn("{}=memory: the embedded MongoDB keeps its data in memory; nothing stored survives a restart",
              EMBEDDED_MONGODB_SETTING);
        }
        EmbeddedMongo mongo = inMemory
            ? EmbeddedMongo.inMemory()
            : EmbeddedMongo.onDisk(options.dataDirectory().resolve("mongodb").resolve("switchboard.mv.db"));
        started.add(mongo);
        mongoUri = mongo.uri();
      }
      String redisUri = settings.apply(REDIS_URI_SETTING);
      if (redisUri == null) {
        EmbeddedRedis redis = EmbeddedRedis.start(options.dataDirectory().resolve("redis"), options.persistent());
        started.add(redis);
        redisUri = redis.uri();
      }
      Map<String, Object> properties = new HashMap<>();
      properties.put(BROKER_URI_PROPERTY, brokerUri);
      properties.put(MONGODB_URI_PROPERTY, mongoUri);
      properties.put(REDIS_URI_PROPERTY, redisUri);
      String elasticsearchUri = settings.apply(ELASTICSEARCH_URI_SETTING);
      if (elasticsearchUri == null && options.search()) {
        elasticsearchUri = startElasticsearch(options.dataDirectory().resolve("elasticsearch"), started);
        if (elasticsearchUri != null) {
          properties.put(INDEX_CODEC_PROPERTY, EMBEDDED_INDEX_CODEC);
        }
      }
      if (elasticsearchUri != null) {
        properties.put(ELASTICSEARCH_URI_PROPERTY, elasticsearchUri);
      }
      return new EmbeddedInfrastructure(properties, started);
    } catch (RuntimeException e) {
      closeAll(started, e);
      throw e;
    }
  }

  /**
   * The embedded node's address, or null when it cannot start here: then everything but search runs, and the
   * stored messages wait in the search queue for a search service.
   */
  private static String startElasticsearch(Path home, List<AutoCloseable> started) {
    try {
      EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.start(home, 0);
      started.add(elasticsearch);
      return elasticsearch.uri();
    } catch (RuntimeException e) {
      log.warn("Search is off: the embedded Elasticsearch did not start (set {} to use a real one)",
          ELASTICSEARCH_URI_SETTING, e);
      return null;
    }
  }

  /** Where the services find the broker and the database. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** Stops what this started, last started first; real servers named in the environment are left alone. */
  @Override
  public void close() {
    RuntimeException failure = new IllegalStateException("closing the embedded infrastructure failed");
    closeAll(started, failure);
    started.clear();
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  private static void closeAll(List<AutoCloseable> started, RuntimeException failure) {
    List<AutoCloseable> lastFirst = new ArrayList<>(started);
    Collections.reverse(lastFirst);
    for (AutoCloseable server : lastFirst) {
      try {
        server.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** A system property first (handy in tests and IDEs), then the environment; blank counts as unset. */
  public static String setting(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? null : value;
  }
}
