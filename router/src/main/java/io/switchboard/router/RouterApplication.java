package io.switchboard.router;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The router on its own: consumes send commands, sequences and stores messages, fans them out; tells the push workers about members with no device online. */
@SpringBootApplication(
    scanBasePackages = {"io.switchboard.router", "io.switchboard.storage", "io.switchboard.broker", "io.switchboard.presence"})
public class RouterApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(RouterApplication.class).properties("spring.config.name=router").run(args);
  }
}
