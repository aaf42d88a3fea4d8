package io.switchboard.storage.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class CommandCoalescerTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** A database whose commands finish only when the test says so, and which records each one. */
  private final List<List<Integer>> commands = new CopyOnWriteArrayList<>();
  private final List<Sinks.One<Void>> finishes = new CopyOnWriteArrayList<>();

  private Mono<List<Integer>> heldBatch(List<Integer> batch) {
    commands.add(batch);
    Sinks.One<Void> finish = Sinks.one();
    finishes.add(finish);
    return finish.asMono().thenReturn(batch.stream().map(write -> write * 10).toList());
  }

  private Mono<Integer> heldSingle(Integer write) {
    return heldBatch(List.of(write)).map(results -> results.get(0));
  }

  @Test
  void aWriteThatFindsNothingInFlightGoesAtOnceAndAlone() {
    CommandCoalescer<Integer, Integer> coalescer = new CommandCoalescer<>(this::heldBatch, this::heldSingle, 100, 1);

    Mono<Integer> first = coalescer.submit(1).cache();
    first.subscribe();

    assertThat(commands).containsExactly(List.of(1));
    finishes.get(0).tryEmitEmpty();
    StepVerifier.create(first).expectNext(10).expectComplete().verify(WAIT);
  }

  @Test
  void writesArrivingWhileABatchIsInFlightGoTogetherInTheNextEachWithItsOwnResult() {
    CommandCoalescer<Integer, Integer> coalescer = new CommandCoalescer<>(this::heldBatch, this::heldSingle, 100, 1);
    List<Mono<Integer>> results = new ArrayList<>();
    for (int write = 1; write <= 5; write++) {
      Mono<Integer> result = coalescer.submit(write).cache();
      result.subscribe();
      results.add(result);
    }

    assertThat(commands).containsExactly(List.of(1));
    finishes.get(0).tryEmitEmpty();
    assertThat(commands).containsExactly(List.of(1), List.of(2, 3, 4, 5));
    finishes.get(1).tryEmitEmpty();

    StepVerifier.create(Flux.concat(results)).expectNext(10, 20, 30, 40, 50).expectComplete().verify(WAIT);
    assertThat(commands).hasSize(2);
  }

  @Test
  void aBatchHoldsAtMostMaxBatchWritesAndTheRestGoInTheNext() {
    CommandCoalescer<Integer, Integer> coalescer = new CommandCoalescer<>(this::heldBatch, this::heldSingle, 2, 1);
    for (int write = 1; write <= 4; write++) {
      coalescer.submit(write).subscribe();
    }

    finishes.get(0).tryEmitEmpty();
    finishes.get(1).tryEmitEmpty();
    assertThat(commands).containsExactly(List.of(1), List.of(2, 3), List.of(4));
  }

  @Test
  void batchesInFlightAreBoundedByMaxInFlight() {
    CommandCoalescer<Integer, Integer> coalescer = new CommandCoalescer<>(this::heldBatch, this::heldSingle, 100, 2);
    for (int write = 1; write <= 4; write++) {
      coalescer.submit(write).subscribe();
    }

    assertThat(commands).containsExactly(List.of(1), List.of(2));
    finishes.get(1).tryEmitEmpty();
    assertThat(commands).containsExactly(List.of(1), List.of(2), List.of(3, 4));
  }

  @Test
  void aFailedBatchIsWrittenAgainOneByOneSoOnlyTheBadWriteFails() {
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    List<Integer> singles = new CopyOnWriteArrayList<>();
    Sinks.One<Void> firstHeld = Sinks.one();
    CommandCoalescer<Integer, Integer> coalescer = new CommandCoalescer<>(
        batch -> {
          batches.add(batch);
          return batch.contains(-1)
              ? Mono.error(new IllegalStateException("the batch failed on -1"))
              : Mono.just(batch.stream().map(write -> write * 10).toList());
        },
        write -> {
          singles.add(write);
          if (write == 1) {
            return firstHeld.asMono().thenReturn(10);
          }
          return write < 0 ? Mono.error(new IllegalArgumentException("bad write " + write)) : Mono.just(write * 10);
        },
        100, 1);

    coalescer.submit(1).subscribe();
    Mono<Integer> good = coalescer.submit(2).cache();
    Mono<Integer> bad = coalescer.submit(-1).cache();
    Mono<Integer> alsoGood = coalescer.submit(3).cache();
    good.subscribe(ignored -> {}, ignored -> {});
    bad.subscribe(ignored -> {}, ignored -> {});
    alsoGood.subscribe(ignored -> {}, ignored -> {});
    firstHeld.tryEmitEmpty();

    StepVerifier.create(good).expectNext(20).expectComplete().verify(WAIT);
    StepVerifier.create(bad).expectErrorMessage("bad write -1").verify(WAIT);
    StepVerifier.create(alsoGood).expectNext(30).expectComplete().verify(WAIT);
    assertThat(batches).containsExactly(List.of(2, -1, 3));
    assertThat(singles).containsExactly(1, 2, -1, 3);
  }

  @Test
  void writesWithoutAResultCompleteEmpty() {
    CommandCoalescer<Integer, Void> coalescer = new CommandCoalescer<>(
        batch -> Mono.just(Collections.nCopies(batch.size(), null)), write -> Mono.empty(), 100, 1);

    StepVerifier.create(coalescer.submit(1)).expectComplete().verify(WAIT);
    StepVerifier.create(Flux.merge(coalescer.submit(2), coalescer.submit(3))).expectComplete().verify(WAIT);
  }

  @Test
  void aBatchThatAnswersWithTheWrongNumberOfResultsFallsBackToSingleWrites() {
    List<Integer> singles = new CopyOnWriteArrayList<>();
    Sinks.One<Void> firstHeld = Sinks.one();
    CommandCoalescer<Integer, Integer> coalescer = new CommandCoalescer<>(
        batch -> Mono.just(List.of(0)),
        write -> {
          singles.add(write);
          return write == 1 ? firstHeld.asMono().thenReturn(10) : Mono.just(write * 10);
        },
        100, 1);

    coalescer.submit(1).subscribe();
    Mono<Integer> second = coalescer.submit(2).cache();
    Mono<Integer> third = coalescer.submit(3).cache();
    second.subscribe();
    third.subscribe();
    firstHeld.tryEmitEmpty();

    StepVerifier.create(Flux.concat(second, third)).expectNext(20, 30).expectComplete().verify(WAIT);
    assertThat(singles).containsExactly(1, 2, 3);
  }
}
