package io.switchboard.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A standalone ZooKeeper server inside the JVM, for the local cluster (scripts/cluster.sh) and the
 * multi-process tests. Its admin server is off (it would want port 8080); its tick is short, so clients may
 * ask for sessions as short as two ticks (1 s), and as long as {@link #MAX_SESSION_TIMEOUT_MILLIS}.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

  static final int TICK_MILLIS = 500;
  static final int MAX_SESSION_TIMEOUT_MILLIS = 60_000;
  private static final long START_TIMEOUT_MILLIS = 30_000;

  private final ZooKeeperServerEmbedded server;
  private final int port;

  private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, int port) {
    this.server = server;
    this.port = port;
  }

  /** {@code port} 0 picks a free one. */
  public static EmbeddedZooKeeper start(Path dataDirectory, int port) {
    int clientPort = port == 0 ? freePort() : port;
    Properties configuration = new Properties();
    configuration.setProperty("clientPort", String.valueOf(clientPort));
    configuration.setProperty("clientPortAddress", "127.0.0.1");
    configuration.setProperty("tickTime", String.valueOf(TICK_MILLIS));
    configuration.setProperty("maxSessionTimeout", String.valueOf(MAX_SESSION_TIMEOUT_MILLIS));
    configuration.setProperty("admin.enableServer", "false");
    configuration.setProperty("initLimit", "10");
    configuration.setProperty("syncLimit", "5");
    try {
      Files.createDirectories(dataDirectory);
      ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
          .baseDir(dataDirectory)
          .configuration(configuration)
          .exitHandler(ExitHandler.LOG_ONLY)
          .build();
      server.start(START_TIMEOUT_MILLIS);
      return new EmbeddedZooKeeper(server, clientPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare ZooKeeper's directory " + dataDirectory, e);
    } catch (Exception e) {
      throw new IllegalStateException("the embedded ZooKeeper did not start on port " + clientPort, e);
    }
  }

  /** The connect string: {@code 127.0.0.1:<port>}. */
  public String connectString() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
