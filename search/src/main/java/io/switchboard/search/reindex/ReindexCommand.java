package io.switchboard.search.reindex;

import io.switchboard.search.SearchEnabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --switchboard.search.reindex} on the command line rebuilds the index from MongoDB once the service has
 * started, while it serves and indexes as usual: {@code java -jar search-exec.jar --switchboard.search.reindex}.
 */
@SearchEnabled
@Component
class ReindexCommand implements ApplicationRunner {

  static final String OPTION = "switchboard.search.reindex";

  private static final Logger log = LoggerFactory.getLogger(ReindexCommand.class);

  private final Reindexer reindexer;

  ReindexCommand(Reindexer reindexer) {
    this.reindexer = reindexer;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    if (!arguments.containsOption(OPTION)) {
      return;
    }
    log.info("re-indexing every stored message from MongoDB");
    long started = System.nanoTime();
    reindexer.reindexAll().subscribe(
        count -> log.info("re-indexed {} messages in {} ms", count, (System.nanoTime() - started) / 1_000_000),
        error -> log.error("re-indexing failed; run it again, it is idempotent", error));
  }
}
