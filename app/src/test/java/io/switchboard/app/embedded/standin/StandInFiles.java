package io.switchboard.app.embedded.standin;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/** The stand-in on an H2 file, served for one piece of work and shut down; and what the file holds after. */
final class StandInFiles {

  static final String DATABASE = "switchboard";

  private StandInFiles() {}

  /** Serves the file with the given backend while {@code work} uses one collection through the real driver. */
  static void withCollection(Path file, Function<MVStore, MongoBackend> backend, String collection,
      Consumer<MongoCollection<Document>> work) {
    MongoServer server = new MongoServer(backend.apply(new MVStore.Builder().fileName(file.toString()).open()));
    server.bind("127.0.0.1", 0);
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      work.accept(client.getDatabase(DATABASE).getCollection(collection));
    } finally {
      server.shutdown();
    }
  }

  /** The names of the file's H2 maps that pass the filter. */
  static List<String> mapNames(Path file, Predicate<String> filter) {
    MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      return store.getMapNames().stream().filter(filter).toList();
    } finally {
      store.close();
    }
  }

  /** How many entries the file's map of that name holds. */
  static long entries(Path file, String mapName) {
    MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      return store.openMap(mapName).sizeAsLong();
    } finally {
      store.close();
    }
  }
}
