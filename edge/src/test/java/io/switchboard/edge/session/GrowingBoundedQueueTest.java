package io.switchboard.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class GrowingBoundedQueueTest {

  @Test
  void keepsOrderAndRefusesOnlyWhileFull() {
    GrowingBoundedQueue<Integer> queue = new GrowingBoundedQueue<>(40);
    for (int i = 0; i < 40; i++) {
      assertThat(queue.offer(i)).isTrue();
    }
    assertThat(queue.offer(40)).as("full").isFalse();
    assertThat(queue.size()).isEqualTo(40);
    assertThat(queue.poll()).isZero();
    assertThat(queue.offer(40)).as("room again after one was taken").isTrue();
    for (int i = 1; i <= 40; i++) {
      assertThat(queue.poll()).isEqualTo(i);
    }
    assertThat(queue.poll()).isNull();
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.size()).isZero();
  }

  /** What the session relies on: a sink over this queue reports overflow at the capacity, not before, not never. */
  @Test
  void aSinkOverItOverflowsAtTheCapacity() {
    Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer(new GrowingBoundedQueue<>(20));
    StepVerifier.create(sink.asFlux(), 0)
        .then(() -> {
          for (int i = 0; i < 20; i++) {
            assertThat(sink.tryEmitNext("m" + i)).isEqualTo(Sinks.EmitResult.OK);
          }
          assertThat(sink.tryEmitNext("one too many")).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
        })
        .thenRequest(20)
        .expectNextCount(20)
        .then(() -> assertThat(sink.tryEmitNext("after it drained")).isEqualTo(Sinks.EmitResult.OK))
        .thenRequest(1)
        .expectNext("after it drained")
        .thenCancel()
        .verify();
  }
}
