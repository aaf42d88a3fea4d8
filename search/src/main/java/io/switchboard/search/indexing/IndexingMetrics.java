package io.switchboard.search.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.protocol.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How far search trails the conversation (exposed at {@code /actuator/prometheus}): for every indexed message,
 * the time from the router storing it to its bulk write succeeding. Elasticsearch makes it searchable at its
 * next refresh (one second by default) after that.
 */
@Component
class IndexingMetrics {

  private final Counter indexed;
  private final Timer lag;

  IndexingMetrics(MeterRegistry registry) {
    this.indexed = Counter.builder("switchboard.search.indexed")
        .description("messages written to the search index")
        .register(registry);
    this.lag = Timer.builder("switchboard.search.lag")
        .description("from a message being stored to its bulk index write succeeding")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  void indexed(List<ChatMessage> messages) {
    Instant now = Instant.now();
    indexed.increment(messages.size());
    for (ChatMessage message : messages) {
      Duration behind = Duration.between(message.sentAt(), now);
      if (!behind.isNegative()) {
        lag.record(behind);
      }
    }
  }
}
