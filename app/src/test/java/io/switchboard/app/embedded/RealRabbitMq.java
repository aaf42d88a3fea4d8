package io.switchboard.app.embedded;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real RabbitMQ a test run was given ({@value EmbeddedInfrastructure#RABBITMQ_URI_SETTING}, looked up as the
 * launcher does), for tests of what only RabbitMQ does; such a test is skipped when none is named.
 */
public final class RealRabbitMq {

  private RealRabbitMq() {}

  /** The named RabbitMQ's URI; skips the calling test, saying {@code why} it needs one, if none is named. */
  public static String uriOrSkip(String why) {
    String uri = EmbeddedInfrastructure.setting(EmbeddedInfrastructure.RABBITMQ_URI_SETTING);
    assumeTrue(uri != null, EmbeddedInfrastructure.RABBITMQ_URI_SETTING + " names no RabbitMQ; " + why);
    return uri;
  }
}
