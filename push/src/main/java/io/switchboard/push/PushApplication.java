package io.switchboard.push;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The push workers on their own: consume push events, collapse bursts, notify through the configured providers,
 * and serve push target registration ({@code /api/push}). Run as many as needed; they share one queue.
 */
@SpringBootApplication(
    scanBasePackages = {"io.switchboard.push", "io.switchboard.storage", "io.switchboard.security", "io.switchboard.broker"})
public class PushApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(PushApplication.class).properties("spring.config.name=push").run(args);
  }
}
