package io.switchboard.edge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** One edge server on its own: WebSocket sessions of devices, fed from this edge's broker queue. */
@SpringBootApplication(scanBasePackages = {
  "io.switchboard.edge", "io.switchboard.storage", "io.switchboard.broker", "io.switchboard.security",
  "io.switchboard.presence", "io.switchboard.limits"
})
public class EdgeApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(EdgeApplication.class).properties("spring.config.name=edge").run(args);
  }
}
