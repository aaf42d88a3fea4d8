package io.switchboard.accounts;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The accounts service: sign-up, login (which issues access tokens), user lookup and devices, over HTTP; and
 * the discovery endpoint that tells a client which edge to connect to.
 * Its configuration file is {@code accounts.yaml}, not {@code application.yaml}, so that it can share a
 * classpath with the other services in the all-in-one launcher.
 */
@SpringBootApplication(
    scanBasePackages = {
      "io.switchboard.accounts", "io.switchboard.storage", "io.switchboard.security", "io.switchboard.broker",
      "io.switchboard.presence", "io.switchboard.discovery", "io.switchboard.limits"
    })
public class AccountsApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(AccountsApplication.class).properties("spring.config.name=accounts").run(args);
  }
}
