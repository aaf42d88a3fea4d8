package io.switchboard.router.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * Each command's two parts are held open by the test (a sink per part), so what may run while what is pending
 * is observed, not timed.
 */
class CommandLanesTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Commands are "lane:name"; the lane is the number before the colon. */
  private final TestPublisher<String> commands = TestPublisher.create();
  private final List<String> started = new CopyOnWriteArrayList<>();
  private final Map<String, Sinks.Empty<Void>> firstParts = new ConcurrentHashMap<>();
  private final Map<String, Sinks.Empty<Void>> secondParts = new ConcurrentHashMap<>();

  private StepVerifier.FirstStep<String> lanes() {
    return StepVerifier.create(CommandLanes.run(
        commands.flux(), command -> Integer.parseInt(command.split(":")[0]), 2, 16, command -> {
          started.add("first " + command);
          return part(firstParts, command).then(Mono.fromCallable(() -> Mono.defer(() -> {
            started.add("second " + command);
            return part(secondParts, command);
          })));
        }));
  }

  private static Mono<Void> part(Map<String, Sinks.Empty<Void>> parts, String command) {
    return parts.computeIfAbsent(command, name -> Sinks.empty()).asMono();
  }

  private void finish(Map<String, Sinks.Empty<Void>> parts, String command) {
    parts.computeIfAbsent(command, name -> Sinks.empty()).tryEmitEmpty().orThrow();
  }

  @Test
  void oneLanesFirstPartsRunOneAfterAnotherInArrivalOrder() {
    lanes()
        .then(() -> commands.next("0:a", "0:b"))
        .then(() -> assertThat(started).containsExactly("first 0:a"))
        .then(() -> finish(firstParts, "0:a"))
        .then(() -> assertThat(started).containsExactly("first 0:a", "second 0:a", "first 0:b"))
        .then(() -> {
          finish(secondParts, "0:a");
          finish(firstParts, "0:b");
          finish(secondParts, "0:b");
        })
        .expectNext("0:a", "0:b")
        .then(commands::complete)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void aPendingSecondPartHoldsBackOnlyItsOwnCommand() {
    lanes()
        .then(() -> commands.next("0:a", "0:b"))
        .then(() -> finish(firstParts, "0:a"))
        .then(() -> finish(firstParts, "0:b"))
        .then(() -> finish(secondParts, "0:b"))
        .as("b is done while a's second part is still pending; a is not")
        .expectNext("0:b")
        .expectNoEvent(Duration.ofMillis(100))
        .then(() -> finish(secondParts, "0:a"))
        .expectNext("0:a")
        .then(commands::complete)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void aCommandIsNotDoneUntilItsSecondPartIsEvenWhenItsFirstIsLongDone() {
    lanes()
        .then(() -> commands.next("0:a"))
        .then(() -> finish(firstParts, "0:a"))
        .expectNoEvent(Duration.ofMillis(200))
        .then(commands::complete)
        .as("the source is complete but the command is not done: nothing may complete yet")
        .expectNoEvent(Duration.ofMillis(100))
        .then(() -> finish(secondParts, "0:a"))
        .expectNext("0:a")
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void lanesRunAlongsideEachOther() {
    lanes()
        .then(() -> commands.next("0:a", "1:x"))
        .then(() -> assertThat(started).containsExactlyInAnyOrder("first 0:a", "first 1:x"))
        .then(() -> {
          finish(firstParts, "1:x");
          finish(secondParts, "1:x");
        })
        .expectNext("1:x")
        .then(() -> {
          finish(firstParts, "0:a");
          finish(secondParts, "0:a");
        })
        .expectNext("0:a")
        .thenCancel()
        .verify(WAIT);
  }

  @Test
  void aCommandWithNoSecondPartIsDoneWithItsFirst() {
    StepVerifier.create(CommandLanes.run(
            commands.flux(), command -> 0, 1, 16, command -> Mono.<Mono<Void>>empty()))
        .then(() -> commands.next("0:a"))
        .expectNext("0:a")
        .thenCancel()
        .verify(WAIT);
  }
}
