package io.switchboard.storage.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Sends many small database commands as few, the way databases do "group commit": while a batch is in flight,
 * the commands that arrive wait, and then go together as the next batch. There is no timer: a command that
 * finds nothing in flight goes at once, so a quiet system waits for nothing, and a busy one sends one command
 * per batch instead of one per caller, which is what lets it keep up (batches grow with the load).
 *
 * <p>Each caller still gets its own outcome. A batch that fails is sent again one command at a time, so one bad
 * command (or a conflict only it meets) fails only its own caller. A batch of one is sent the single way too,
 * which may be cheaper than a batch (see {@code one}).
 *
 * <p>Used for the reads by key every connecting device makes ({@link KeyedReads}: a hundred devices coming back
 * at once share a few queries) and for device cursors, one write per message and recipient device.
 *
 * @param <T> one caller's command
 * @param <R> its result, {@code Void} if it has none
 */
public final class CommandCoalescer<T, R> {

  private final Function<List<T>, Mono<List<R>>> all;
  private final Function<T, Mono<R>> single;
  private final int maxBatch;
  private final int maxInFlight;
  /** Guarded by {@code this}, with {@link #inFlight}. */
  private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param all sends a batch as one or a few database commands; its results in the batch's order ({@code null}
   *     elements for {@code Void})
   * @param single sends one alone: for a batch of one, and for each command of a batch that failed
   * @param maxBatch the most commands in one batch
   * @param maxInFlight batches in flight at the same time; 1 coalesces the most
   */
  public CommandCoalescer(
      Function<List<T>, Mono<List<R>>> all, Function<T, Mono<R>> single, int maxBatch, int maxInFlight) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
    }
    this.all = all;
    this.single = single;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Sends {@code command} with whatever else is waiting, once subscribed; completes with its own result.
   * Cancelling does not take it back: once handed over it is sent.
   */
  public Mono<R> submit(T command) {
    return Mono.create(sink -> {
      synchronized (this) {
        waiting.add(new Waiting<>(command, sink));
      }
      drain();
    });
  }

  private void drain() {
    while (true) {
      List<Waiting<T, R>> batch;
      synchronized (this) {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
          return;
        }
        inFlight++;
        batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
          batch.add(waiting.poll());
        }
      }
      send(batch);
    }
  }

  private void send(List<Waiting<T, R>> batch) {
    Mono<Void> sent = batch.size() == 1
        ? one(batch.get(0))
        : Mono.defer(() -> all.apply(batch.stream().map(Waiting::command).toList()))
            .doOnNext(results -> {
              if (results.size() != batch.size()) {
                throw new IllegalStateException(
                    "a batch of " + batch.size() + " commands gave " + results.size() + " results");
              }
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).succeed(results.get(i));
              }
            })
            .then()
            // one at a time, so that only the commands that fail on their own fail
            .onErrorResume(failed -> Flux.fromIterable(batch).concatMap(this::one).then());
    sent
        .doFinally(signal -> {
          synchronized (this) {
            inFlight--;
          }
          drain();
        })
        .subscribe();
  }

  private Mono<Void> one(Waiting<T, R> waiting) {
    return Mono.defer(() -> single.apply(waiting.command()))
        // with the result, or null for a command that has none
        .doOnSuccess(waiting::succeed)
        .doOnError(waiting.sink()::error)
        .onErrorResume(error -> Mono.empty())
        .then();
  }

  private record Waiting<T, R>(T command, MonoSink<R> sink) {
    void succeed(R result) {
      if (result == null) {
        sink.success();
      } else {
        sink.success(result);
      }
    }
  }
}
