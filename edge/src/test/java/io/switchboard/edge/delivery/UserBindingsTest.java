package io.switchboard.edge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.broker.BrokerUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The bookkeeping of which users are bound to the edge's queue. The broker's part (that a bind really routes)
 * is proven end to end by the edge's delivery tests; here a scripted binder records what would be asked of it.
 */
class UserBindingsTest {

  private static final Duration DELAY = Duration.ofSeconds(30);

  private final ScriptedBinder binder = new ScriptedBinder();
  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final UserBindings bindings = new UserBindings(binder, DELAY, time);

  @Test
  void theFirstDeviceBindsAndTheUserIsUnboundOnlyAWhileAfterTheLastLeaves() {
    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    bindings.detach("alice");
    bindings.detach("alice");

    time.advanceTimeBy(DELAY.minusSeconds(1));
    assertThat(binder.calls).containsExactly("bind alice");

    time.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(binder.calls).containsExactly("bind alice", "unbind alice");
    assertThat(bindings.trackedUsers()).isZero();
  }

  @Test
  void aDeviceBackWithinTheDelayCostsNoUnbindNorBind() {
    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    bindings.detach("alice");
    time.advanceTimeBy(DELAY.minusSeconds(1));

    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    time.advanceTimeBy(DELAY.multipliedBy(3));

    assertThat(binder.calls).containsExactly("bind alice");
    assertThat(bindings.boundUsers()).isOne();
  }

  @Test
  void aDeviceBackWhileTheUnbindRunsIsBoundAfterIt() {
    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    Sinks.Empty<Void> unbindAnswer = binder.holdNext();
    bindings.detach("alice");
    time.advanceTimeBy(DELAY);
    assertThat(binder.calls).containsExactly("bind alice", "unbind alice");

    Mono<Void> back = bindings.attach("alice");
    assertThat(binder.calls).as("the bind waits for the unbind to be answered").hasSize(2);
    unbindAnswer.tryEmitEmpty();

    StepVerifier.create(back).verifyComplete();
    assertThat(binder.calls).containsExactly("bind alice", "unbind alice", "bind alice");
    time.advanceTimeBy(DELAY.multipliedBy(3));
    assertThat(bindings.boundUsers()).isOne();
  }

  @Test
  void aFailedBindIsNotHandedToTheNextDevice() {
    binder.failNext();
    StepVerifier.create(bindings.attach("alice")).verifyError(BrokerUnavailableException.class);

    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    assertThat(binder.calls).containsExactly("bind alice", "bind alice");
  }

  @Test
  void aFailedBindIsAskedAgainByADeviceReturningWithinTheDelay() {
    binder.failNext();
    StepVerifier.create(bindings.attach("alice")).verifyError(BrokerUnavailableException.class);
    bindings.detach("alice");

    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    assertThat(binder.calls).containsExactly("bind alice", "bind alice");
  }

  @Test
  void aSlowBindFailsTheWaitingDeviceButGoesOnForTheNext() {
    Sinks.Empty<Void> bindAnswer = binder.holdNext();
    StepVerifier.create(bindings.attach("alice"))
        .then(() -> time.advanceTimeBy(UserBindings.BIND_WAIT))
        .verifyError(BrokerUnavailableException.class);

    Mono<Void> next = bindings.attach("alice");
    bindAnswer.tryEmitEmpty();

    StepVerifier.create(next).verifyComplete();
    assertThat(binder.calls).as("the slow bind was not asked again").containsExactly("bind alice");
  }

  @Test
  void rebindingAfterALostQueueBindsUsersWithDevicesAndForgetsTheRest() {
    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    StepVerifier.create(bindings.attach("bob")).verifyComplete();
    bindings.detach("bob");

    StepVerifier.create(bindings.rebindAll()).verifyComplete();

    assertThat(binder.calls).containsExactly("bind alice", "bind bob", "bind alice");
    assertThat(bindings.trackedUsers()).isOne();
    time.advanceTimeBy(DELAY.multipliedBy(3));
    assertThat(binder.calls).as("bob's binding went with the lost queue: nothing to unbind").hasSize(3);
  }

  @Test
  void moreDetachesThanAttachesLeaveNothingBehind() {
    StepVerifier.create(bindings.attach("alice")).verifyComplete();
    bindings.detach("alice");
    bindings.detach("alice");
    time.advanceTimeBy(DELAY);

    assertThat(binder.calls).containsExactly("bind alice", "unbind alice");
    assertThat(bindings.trackedUsers()).isZero();
  }

  /** Answers every call at once, unless told to fail or hold the next one. */
  private static final class ScriptedBinder implements UserBindings.Binder {

    final List<String> calls = new ArrayList<>();
    private final Deque<Mono<Void>> scripted = new ArrayDeque<>();

    void failNext() {
      scripted.add(Mono.error(new BrokerUnavailableException("scripted failure")));
    }

    Sinks.Empty<Void> holdNext() {
      Sinks.Empty<Void> answer = Sinks.empty();
      scripted.add(answer.asMono());
      return answer;
    }

    @Override
    public Mono<Void> bind(String userId) {
      return call("bind " + userId);
    }

    @Override
    public Mono<Void> unbind(String userId) {
      return call("unbind " + userId);
    }

    private Mono<Void> call(String what) {
      Mono<Void> answer = scripted.isEmpty() ? Mono.empty() : scripted.poll();
      return Mono.defer(() -> {
        calls.add(what);
        return answer;
      });
    }
  }
}
