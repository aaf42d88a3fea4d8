package io.switchboard.accounts.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class PasswordHasherTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private PasswordHasher hasher = new PasswordHasher(PasswordHashingProperties.defaults());

  @AfterEach
  void close() {
    hasher.close();
  }

  @Test
  void aHashMatchesItsPasswordAndNoOther() {
    String hash = hasher.hash("correct horse").block(TIMEOUT);

    assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");
    assertThat(hasher.matches("correct horse", hash).block(TIMEOUT)).isTrue();
    assertThat(hasher.matches("wrong horse", hash).block(TIMEOUT)).isFalse();
  }

  @Test
  void hashingRunsOnItsOwnThreadsNeverTheCallers() {
    String thread =
        hasher.hash("correct horse").then(Mono.fromCallable(() -> Thread.currentThread().getName())).block(TIMEOUT);

    assertThat(thread).startsWith(PasswordHasher.THREAD_NAME_PREFIX);
  }

  @Test
  void theDecoyCheckCompletesWithoutMatchingAnything() {
    assertThat(hasher.matchAgainstDecoy("anything").hasElement().block(TIMEOUT)).isFalse();
  }

  @Test
  void aBurstBeyondTheQueueIsRefusedAsBusyRatherThanQueued() {
    hasher.close();
    hasher = new PasswordHasher(PasswordHashingProperties.defaults(), 1, 1);

    List<Object> outcomes =
        Flux.range(0, 8)
            .flatMap(
                attempt ->
                    hasher.hash("correct horse").<Object>map(hash -> "hashed").onErrorResume(Mono::just))
            .collectList()
            .block(TIMEOUT);

    assertThat(outcomes).contains("hashed");
    assertThat(outcomes).hasAtLeastOneElementOfType(PasswordHashingBusyException.class);
  }
}
