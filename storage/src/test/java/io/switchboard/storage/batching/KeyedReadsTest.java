package io.switchboard.storage.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class KeyedReadsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Map<String, Integer> STORED = Map.of("a", 1, "b", 2, "c", 3);

  /** A database holding {@link #STORED} whose first query answers only when the test says so. */
  private final List<List<String>> queries = new CopyOnWriteArrayList<>();
  private final Sinks.One<Void> firstAnswer = Sinks.one();

  private Flux<Map.Entry<String, Integer>> readIn(Collection<String> keys) {
    queries.add(List.copyOf(keys));
    Flux<Map.Entry<String, Integer>> found = Flux.fromIterable(keys)
        .filter(STORED::containsKey)
        .map(key -> Map.entry(key, STORED.get(key)));
    return queries.size() == 1 ? firstAnswer.asMono().thenMany(found) : found;
  }

  @Test
  void callersWaitingTogetherShareOneQueryAndEachGetsOnlyWhatItAskedFor() {
    KeyedReads<Integer> reads = new KeyedReads<>(this::readIn);
    Mono<Map<String, Integer>> first = reads.read(List.of("a")).cache();
    first.subscribe();
    Mono<Map<String, Integer>> second = reads.read(List.of("a", "b", "missing")).cache();
    Mono<Integer> third = reads.read("c").cache();
    Mono<Integer> absent = reads.read("nothing").cache();
    second.subscribe();
    third.subscribe();
    absent.subscribe();

    assertThat(queries).containsExactly(List.of("a"));
    firstAnswer.tryEmitEmpty();

    StepVerifier.create(first).expectNext(Map.of("a", 1)).expectComplete().verify(WAIT);
    StepVerifier.create(second).expectNext(Map.of("a", 1, "b", 2)).expectComplete().verify(WAIT);
    StepVerifier.create(third).expectNext(3).expectComplete().verify(WAIT);
    StepVerifier.create(absent).expectComplete().verify(WAIT);
    // the waiting callers' keys once each, in one query
    assertThat(queries).containsExactly(List.of("a"), List.of("a", "b", "missing", "c", "nothing"));
  }

  @Test
  void manyKeysGoInSeveralQueriesOfBoundedSizeAndAllAreFound() {
    firstAnswer.tryEmitEmpty();
    KeyedReads<Integer> reads = new KeyedReads<>(this::readIn);
    List<String> keys = new ArrayList<>(STORED.keySet());
    for (int i = 0; keys.size() < 2 * KeyedReads.MAX_KEYS_PER_QUERY + 500; i++) {
      keys.add("unstored-" + i);
    }

    StepVerifier.create(reads.read(keys)).expectNext(STORED).expectComplete().verify(WAIT);
    assertThat(queries).extracting(List::size)
        .containsExactly(KeyedReads.MAX_KEYS_PER_QUERY, KeyedReads.MAX_KEYS_PER_QUERY, 500);
    assertThat(queries.stream().flatMap(List::stream)).as("every key asked once").containsExactlyElementsOf(keys);
  }

  @Test
  void askingForNoKeysAsksTheDatabaseNothing() {
    KeyedReads<Integer> reads = new KeyedReads<>(this::readIn);

    StepVerifier.create(reads.read(List.of())).expectNext(Map.of()).expectComplete().verify(WAIT);
    assertThat(queries).isEmpty();
  }
}
