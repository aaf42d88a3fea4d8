package io.switchboard.storage;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * A database of its own for one test class: on real MongoDB when {@code SWITCHBOARD_MONGODB_URI} names one,
 * else on the embedded stand-in in memory.
 */
public final class TestDatabase implements AutoCloseable {

  private final MongoServer server;
  private final MongoClient client;
  private final MongoDatabase database;

  private TestDatabase(MongoServer server, String uri, String name) {
    this.server = server;
    this.client = MongoClients.create(uri);
    this.database = client.getDatabase(name + "_" + UUID.randomUUID().toString().substring(0, 8));
  }

  public static TestDatabase start(String name) {
    String uri = System.getenv("SWITCHBOARD_MONGODB_URI");
    if (uri != null && !uri.isBlank()) {
      return new TestDatabase(null, uri, name);
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    InetSocketAddress address = server.bind();
    return new TestDatabase(server, "mongodb://127.0.0.1:" + address.getPort(), name);
  }

  public MongoDatabase database() {
    return database;
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }
}
