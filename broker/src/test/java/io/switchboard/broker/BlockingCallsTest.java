package io.switchboard.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A blocking broker call whose waiter gives up must not be interrupted: the AMQP client, interrupted while it
 * queues a frame, drops the frame and closes the whole connection.
 */
class BlockingCallsTest {

  @Test
  void aCallWhoseWaiterTimesOutRunsOnUninterrupted() throws Exception {
    try (Broker broker = Broker.connect(new BrokerProperties("amqp://guest:guest@127.0.0.1:1", "test", true))) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
      Mono<Void> call = Mono.<Void>fromRunnable(() -> {
            started.countDown();
            try {
              release.await();
              interrupted.complete(false);
            } catch (InterruptedException e) {
              interrupted.complete(true);
            }
          })
          .subscribeOn(broker.blockingScheduler());

      StepVerifier.create(call.timeout(Duration.ofMillis(200)))
          .expectError(java.util.concurrent.TimeoutException.class)
          .verify(Duration.ofSeconds(5));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      release.countDown();

      assertThat(interrupted.get(5, TimeUnit.SECONDS)).as("interrupted").isFalse();
    }
  }
}
