package io.switchboard.history;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The history service on its own: conversations, message pages and device sync over HTTP. */
@SpringBootApplication(
    scanBasePackages = {
      "io.switchboard.history", "io.switchboard.storage", "io.switchboard.security", "io.switchboard.broker",
      "io.switchboard.presence", "io.switchboard.limits"
    })
public class HistoryApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(HistoryApplication.class).properties("spring.config.name=history").run(args);
  }
}
