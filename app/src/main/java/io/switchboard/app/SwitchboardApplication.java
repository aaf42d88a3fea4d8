package io.switchboard.app;

import io.switchboard.app.embedded.EmbeddedInfrastructure;
import io.switchboard.app.embedded.TokenSecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Every service in one process, on embedded RabbitMQ (Qpid), MongoDB (mongo-java-server) and Elasticsearch
 * unless real ones are named: {@code SWITCHBOARD_RABBITMQ_URI}, {@code SWITCHBOARD_MONGODB_URI},
 * {@code SWITCHBOARD_ELASTICSEARCH_URI}. A JDK is all it needs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
    basePackages = "io.switchboard",
    excludeFilters = {
      // each service's own main class scans and configures it; applying those again would duplicate beans
      @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
      // started by main before Spring exists, and closed after it
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.switchboard\\.app\\.embedded\\..*")
    })
public class SwitchboardApplication {

  static final String DATA_DIRECTORY_VARIABLE = "SWITCHBOARD_DATA_DIR";
  static final String DATA_DIRECTORY_ARGUMENT = "--switchboard.data-dir=";
  static final String RABBITMQ_PORT_VARIABLE = "SWITCHBOARD_EMBEDDED_RABBITMQ_PORT";

  /** Next to RabbitMQ's 5672, so a local RabbitMQ and the launcher can run side by side. */
  static final int DEFAULT_RABBITMQ_PORT = 5673;

  public static void main(String[] args) {
    Launched launched = launch(args, rabbitPort());
    // after every Spring context is closed, so services can still ack, unbind and flush while they stop;
    // registered after run() because handlers run last-added first, ahead of Spring's logging shutdown
    SpringApplication.getShutdownHandlers().add(launched.infrastructure()::close);
  }

  /** Starts the embedded servers, then every service on them. Closing the result stops both, in that order. */
  static Launched launch(String[] args, int rabbitPort) {
    Path dataDirectory = dataDirectory(args);
    EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(
        new EmbeddedInfrastructure.Options(dataDirectory, true, rabbitPort, true));
    Map<String, Object> defaults = new HashMap<>(infrastructure.properties());
    defaults.put(TokenSecretFile.TOKEN_SECRET_PROPERTY, TokenSecretFile.readOrCreate(dataDirectory));
    try {
      ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class)
          // default properties: command-line arguments, the environment and application.yaml override them
          .properties(defaults)
          .listeners(runningBanner(dataDirectory))
          .run(args);
      return new Launched(context, infrastructure);
    } catch (RuntimeException e) {
      infrastructure.close();
      throw e;
    }
  }

  /** A running all-in-one Switchboard. */
  record Launched(ConfigurableApplicationContext context, EmbeddedInfrastructure infrastructure)
      implements AutoCloseable {

    @Override
    public void close() {
      context.close();
      infrastructure.close();
    }
  }

  /** {@code --switchboard.data-dir=…} first, then {@code SWITCHBOARD_DATA_DIR}, then {@code ./data}; created. */
  static Path dataDirectory(String[] args) {
    String configured = System.getenv(DATA_DIRECTORY_VARIABLE);
    for (String arg : args) {
      if (arg.startsWith(DATA_DIRECTORY_ARGUMENT)) {
        configured = arg.substring(DATA_DIRECTORY_ARGUMENT.length());
      }
    }
    Path dataDirectory = Path.of(configured == null || configured.isBlank() ? "data" : configured)
        .toAbsolutePath()
        .normalize();
    try {
      return Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
    }
  }

  private static int rabbitPort() {
    String configured = System.getenv(RABBITMQ_PORT_VARIABLE);
    if (configured == null || configured.isBlank()) {
      return DEFAULT_RABBITMQ_PORT;
    }
    try {
      return Integer.parseInt(configured.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(RABBITMQ_PORT_VARIABLE + " is not a port number: " + configured, e);
    }
  }

  /** One line a newcomer can act on, timed from JVM start so it includes the embedded servers. */
  private static ApplicationListener<ApplicationReadyEvent> runningBanner(Path dataDirectory) {
    return ready -> {
      long startedMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      Object port = ready.getApplicationContext() instanceof WebServerApplicationContext web
          ? web.getWebServer().getPort()
          : ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "?");
      System.out.println("Switchboard is running: open http://localhost:" + port + "/  (data in "
          + dataDirectory + ", started in " + startedMillis + " ms)");
    };
  }
}
