package io.switchboard.search;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The search service on its own: indexes every stored message into Elasticsearch and serves
 * {@code GET /api/search}. {@code --switchboard.search.reindex} also rebuilds the index from MongoDB on start.
 */
@SpringBootApplication(
    scanBasePackages = {
      "io.switchboard.search", "io.switchboard.storage", "io.switchboard.security", "io.switchboard.broker",
      "io.switchboard.limits"
    })
public class SearchApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(SearchApplication.class).properties("spring.config.name=search").run(args);
  }
}
