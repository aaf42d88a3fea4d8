package io.switchboard.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * An AMQP 0-9-1 broker inside the JVM (Apache Qpid Broker-J, in-memory store) so the all-in-one launcher
 * needs no RabbitMQ. It speaks only the portable subset described in INFRASTRUCTURE.md: direct and topic
 * exchanges, durable and server-named exclusive queues, publisher confirms, manual acks. Messages do not
 * survive a restart; the services redeclare their topology on start.
 */
public final class EmbeddedRabbitBroker implements AutoCloseable {

  public static final String USERNAME = "guest";
  public static final String PASSWORD = "guest";

  /** RabbitMQ's inter-node port; a broker here would collide with a local RabbitMQ cluster. */
  private static final int RABBITMQ_INTER_NODE_PORT = 25672;

  /** RabbitMQ's default channel_max; Qpid's default (256) would fail earlier than production does. */
  private static final int CHANNEL_MAX = 2047;

  private final SystemLauncher launcher;
  private final int port;

  private EmbeddedRabbitBroker(SystemLauncher launcher, int port) {
    this.launcher = launcher;
    this.port = port;
  }

  /**
   * Starts the broker on 127.0.0.1.
   *
   * @param port the AMQP port, or 0 for any free port (Qpid binds it and reports which, so there is no race
   *     between finding a free port and binding it)
   * @param workDirectory where Qpid keeps its initial configuration; created if missing
   */
  public static EmbeddedRabbitBroker start(int port, Path workDirectory) {
    if (port == RABBITMQ_INTER_NODE_PORT) {
      throw new IllegalArgumentException("port 25672 is RabbitMQ's inter-node port; pick another");
    }
    EmbeddedLogging.quiet("org.apache.qpid", "qpid");
    Path initialConfiguration = writeInitialConfiguration(port, workDirectory);
    BrokerCapture capture = new BrokerCapture();
    SystemLauncher launcher = new SystemLauncher(capture);
    try {
      launcher.startup(systemAttributes(workDirectory, initialConfiguration));
      Broker<?> broker = capture.broker();
      removeQpidShutdownHook(broker);
      return new EmbeddedRabbitBroker(launcher, boundAmqpPort(broker));
    } catch (Exception e) {
      launcher.shutdown();
      throw new IllegalStateException("embedded Qpid broker did not start on port " + port, e);
    }
  }

  /**
   * No path: the client then asks for vhost "/", which RabbitMQ knows and Qpid maps to its default virtual
   * host. (A trailing "/" would make the Java client ask for the empty vhost "".)
   */
  public String amqpUri() {
    return "amqp://" + USERNAME + ":" + PASSWORD + "@127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    launcher.shutdown();
  }

  private static Path writeInitialConfiguration(int port, Path workDirectory) {
    try {
      Files.createDirectories(workDirectory);
      Path file = workDirectory.resolve("initial-config.json");
      Files.writeString(file, JsonMapper.builder().build().writeValueAsString(initialConfiguration(port)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Qpid configuration under " + workDirectory, e);
    }
  }

  /** Qpid's own initial-config.json, minus HTTP management and file logging, plus what RabbitMQ clients need. */
  private static Map<String, Object> initialConfiguration(int port) {
    return Map.of(
        "name", "switchboard-embedded",
        "modelVersion", "9.1",
        "authenticationproviders", List.of(Map.of(
            "name", "plain",
            "type", "Plain",
            // the RabbitMQ client authenticates with PLAIN only; Qpid offers PLAIN over TLS only by default
            "secureOnlyMechanisms", List.of(),
            "users", List.of(Map.of("name", USERNAME, "type", "managed", "password", PASSWORD)))),
        "ports", List.of(Map.of(
            "name", "AMQP",
            "port", port,
            "bindingAddress", "127.0.0.1",
            "protocols", List.of("AMQP_0_9_1"),
            "authenticationProvider", "plain",
            "sessionCountLimit", CHANNEL_MAX,
            // defaultAlias is what answers vhost "/": Qpid strips the leading "/" and the empty name goes to
            // the node marked defaultVirtualHostNode
            "virtualhostaliases", List.of(
                Map.of("name", "nameAlias", "type", "nameAlias"),
                Map.of("name", "defaultAlias", "type", "defaultAlias")))),
        "virtualhostnodes", List.of(Map.of(
            "name", "default",
            "type", "Memory",
            "defaultVirtualHostNode", true,
            "virtualHostInitialConfiguration", "{\"type\": \"Memory\"}")));
  }

  private static Map<String, Object> systemAttributes(Path workDirectory, Path initialConfiguration) {
    return Map.of(
        SystemConfig.TYPE, "Memory",
        SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfiguration.toUri().toString(),
        // Qpid's default is a "classpath:" URL, whose handler the launcher's nested-jar class loader cannot
        // provide; an (empty) file of our own works from the packaged jar too
        SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, emptySystemProperties(workDirectory).toUri().toString(),
        SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
        SystemConfig.CONTEXT, Map.of(
            SystemConfig.QPID_WORK_DIR, workDirectory.toAbsolutePath().toString(),
            // without this a port that cannot bind leaves a broker that "started" but accepts nothing
            Broker.BROKER_FAIL_STARTUP_WITH_ERRORED_CHILD, "true",
            "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}"));
  }

  private static Path emptySystemProperties(Path workDirectory) {
    try {
      Path file = workDirectory.resolve("system.properties");
      if (!Files.exists(file)) {
        Files.writeString(file, "# no broker-wide system properties: Switchboard configures Qpid in code\n");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Qpid system properties under " + workDirectory, e);
    }
  }

  private static int boundAmqpPort(Broker<?> broker) {
    return broker.getChildren(Port.class).stream()
        .filter(AmqpPort.class::isInstance)
        .mapToInt(Port::getBoundPort)
        .filter(bound -> bound > 0)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Qpid has no bound AMQP port"));
  }

  /**
   * Qpid registers a JVM shutdown hook that closes the broker at once. The launcher closes the broker itself
   * after Spring's context is closed, so services can still ack and unbind while shutting down; Qpid's hook
   * would pull the broker from under them. The field is private and there is no setting to disable it.
   */
  private static void removeQpidShutdownHook(Broker<?> broker) throws IllegalAccessException {
    for (Class<?> type = broker.getClass(); type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals("_shutdownHook") && field.getType() == Thread.class) {
          field.setAccessible(true);
          Runtime.getRuntime().removeShutdownHook((Thread) field.get(broker));
          return;
        }
      }
    }
  }

  /** Keeps the SystemConfig Qpid resolves during startup; SystemLauncher offers no getter for it. */
  private static final class BrokerCapture extends SystemLauncherListener.DefaultSystemLauncherListener {
    private volatile SystemConfig<?> systemConfig;

    @Override
    public void onContainerResolve(SystemConfig<?> systemConfig) {
      this.systemConfig = systemConfig;
    }

    Broker<?> broker() {
      if (systemConfig == null) {
        throw new IllegalStateException("Qpid started without resolving its broker");
      }
      return (Broker<?>) systemConfig.getContainer();
    }
  }
}
