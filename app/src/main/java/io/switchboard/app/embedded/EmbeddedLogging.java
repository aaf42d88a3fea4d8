package io.switchboard.app.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded servers quiet while they start. They start before Spring Boot configures logging, when
 * Logback still runs on its built-in DEBUG default, and Qpid alone writes hundreds of lines at that level.
 * Once Spring Boot takes over, {@code logging.level.*} in application.yaml keeps them at WARN.
 */
final class EmbeddedLogging {

  /** {@code -Dswitchboard.embedded.verbose=true} leaves the embedded servers' logging as configured. */
  static final String VERBOSE_PROPERTY = "switchboard.embedded.verbose";

  private EmbeddedLogging() {}

  static void quiet(String... loggerNames) {
    if (Boolean.getBoolean(VERBOSE_PROPERTY)) {
      return;
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      for (String loggerName : loggerNames) {
        context.getLogger(loggerName).setLevel(Level.WARN);
      }
    }
  }
}
