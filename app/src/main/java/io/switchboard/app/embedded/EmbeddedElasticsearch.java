package io.switchboard.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * A real single-node Elasticsearch inside the JVM, from the Maven Central jars, with HTTP on 127.0.0.1. For the
 * all-in-one launcher and tests only: the server jars are Elastic License / AGPL / SSPL, so no service's own
 * artifact depends on them. Missing compared with a full distribution (modules not published): language
 * analyzers, Painless, delete/update by query.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  private final Node node;
  private final int httpPort;

  private EmbeddedElasticsearch(Node node, int httpPort) {
    this.node = node;
    this.httpPort = httpPort;
  }

  /**
   * Starts a node keeping its data under {@code home}; {@code httpPort} 0 picks a free port. A node started
   * again on the same home finds its indices again.
   */
  public static EmbeddedElasticsearch start(Path home, int httpPort) {
    EmbeddedLogging.quiet("org.elasticsearch", "org.apache.lucene");
    LogConfigurator.configureESLogging();
    // Reactor Netty in the same JVM has already fixed Netty's processor count; ES would refuse to set it again
    System.setProperty("es.set.netty.runtime.available.processors", "false");
    int port = httpPort == 0 ? freePort() : httpPort;
    try {
      Path config = Files.createDirectories(home.resolve("config"));
      Settings settings = Settings.builder()
          .put("cluster.name", "switchboard-embedded")
          .put("node.name", "embedded")
          .put("path.home", home.toAbsolutePath().toString())
          .put("path.data", home.resolve("data").toAbsolutePath().toString())
          .put("path.logs", home.resolve("logs").toAbsolutePath().toString())
          .put("discovery.type", "single-node")
          .put("network.host", LOOPBACK)
          .put("http.port", port)
          .put("transport.port", freePort())
          .put("http.type", "netty4")
          .put("transport.type", "netty4")
          // a nearly full development disk must not turn the indices read-only
          .put("cluster.routing.allocation.disk.threshold_enabled", false)
          .put("action.auto_create_index", true)
          .build();
      Environment environment =
          InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> "embedded");
      Node node = new ClasspathPluginsNode(environment, List.of(Netty4Plugin.class, ElasticsearchRootPlugin.class));
      node.start();
      return new EmbeddedElasticsearch(node, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Elasticsearch home " + home, e);
    } catch (Exception e) {
      throw new IllegalStateException("the embedded Elasticsearch did not start", e);
    }
  }

  public String uri() {
    return "http://" + LOOPBACK + ":" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  @Override
  public void close() {
    try {
      node.close();
      node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded Elasticsearch did not stop cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }
}
