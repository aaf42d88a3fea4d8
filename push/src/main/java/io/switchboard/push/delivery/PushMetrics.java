package io.switchboard.push.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.push.provider.ProviderAnswer;
import io.switchboard.push.target.ProviderKind;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the push workers count (exposed at {@code /actuator/prometheus}): every provider answer by provider and
 * outcome (each attempt, so retries show as transient failures), and the notifications that ended in the
 * dead-letter queue. Every pair is registered up front, so a dashboard sees zeros rather than gaps.
 */
@Component
class PushMetrics {

  private final Map<ProviderKind, Map<ProviderAnswer.Outcome, Counter>> answers = new EnumMap<>(ProviderKind.class);
  private final Map<ProviderKind, Counter> deadLettered = new EnumMap<>(ProviderKind.class);

  PushMetrics(MeterRegistry registry) {
    for (ProviderKind provider : ProviderKind.values()) {
      Map<ProviderAnswer.Outcome, Counter> byOutcome = new EnumMap<>(ProviderAnswer.Outcome.class);
      for (ProviderAnswer.Outcome outcome : ProviderAnswer.Outcome.values()) {
        byOutcome.put(outcome, Counter.builder("switchboard.push.answers")
            .description("provider answers to push requests, each attempt counted")
            .tag("provider", provider.wireName())
            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
            .register(registry));
      }
      answers.put(provider, byOutcome);
      deadLettered.put(provider, Counter.builder("switchboard.push.dead_lettered")
          .description("notifications that still failed after every attempt, or were refused, and went to the dead-letter queue")
          .tag("provider", provider.wireName())
          .register(registry));
    }
  }

  void answered(ProviderKind provider, ProviderAnswer answer) {
    answers.get(provider).get(answer.outcome()).increment();
  }

  void deadLettered(ProviderKind provider) {
    deadLettered.get(provider).increment();
  }
}
