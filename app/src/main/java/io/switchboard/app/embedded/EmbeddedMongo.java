package io.switchboard.app.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.switchboard.app.embedded.standin.OrderedKeysH2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server inside the JVM (mongo-java-server), because no real mongod can be installed
 * on a bare machine. See INFRASTRUCTURE.md for what differs from MongoDB: no transactions, TTL indexes never
 * expire, unique indexes do hold.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final MongoServer server;
  private final int port;

  private EmbeddedMongo(MongoServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** For tests: gone when closed. */
  public static EmbeddedMongo inMemory() {
    return start(MemoryBackend::new, 0);
  }

  /**
   * For the all-in-one launcher: an H2 MVStore file that survives restarts. MVStore commits on its own about
   * once a second, and {@link #close()} commits the rest; only one process may hold the file.
   */
  public static EmbeddedMongo onDisk(Path file) {
    return onDisk(file, 0);
  }

  /** As {@link #onDisk(Path)}, on a given port (0: any free one); for the local cluster's fixed address. */
  public static EmbeddedMongo onDisk(Path file, int port) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + file, e);
    }
    return start(() -> new OrderedKeysH2Backend(new MVStore.Builder()
        .fileName(file.toAbsolutePath().toString())
        .cacheSize(pageCacheMegabytes())
        .pageSplitSize(PAGE_SPLIT_BYTES)
        .open()), port);
  }

  /**
   * How full an H2 page grows (by H2's estimate of its memory) before it splits; H2's default for files is
   * 16 KiB. Every change rewrites the whole page it is on at the next commit, each document on it encoded
   * again, so an update of one small read mark or cursor re-encoded a few dozen of its neighbours. Pages a
   * quarter the size make that a quarter, for a tree a level deeper at most (docs/performance.md, fifth pass).
   */
  static final int PAGE_SPLIT_BYTES = 4 * 1024;

  /**
   * H2's page cache, in MB: an eighth of the heap, between H2's own default (16) and 512. With the default, a
   * benchmark of 2,000 users found the stand-in's workers reading and deserializing the same index pages from
   * the file again and again: the data no longer fitted.
   */
  static int pageCacheMegabytes() {
    long eighthOfHeap = Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024);
    return (int) Math.max(16, Math.min(512, eighthOfHeap));
  }

  /** The backend is created after logging is quieted: H2Backend logs while it opens its file. */
  private static EmbeddedMongo start(Supplier<MongoBackend> backend, int port) {
    EmbeddedLogging.quiet("de.bwaldvogel");
    MongoServer server = new MongoServer(backend.get());
    // no oplog: nothing here reads change streams, and keeping one wrote every change twice (the benchmark's
    // profile found those copies among the stand-in's busiest work)
    // port 0: the server binds a free port and reports it, with no race between choosing and binding
    server.bind(LOOPBACK, port);
    return new EmbeddedMongo(server, server.getLocalAddress().getPort());
  }

  public String uri() {
    return "mongodb://" + LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Closes client connections, then the backend; for H2 that commits and closes the file. */
  @Override
  public void close() {
    server.shutdown();
  }
}
