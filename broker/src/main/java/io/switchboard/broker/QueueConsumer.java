package io.switchboard.broker;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.AcknowledgableDelivery;
import reactor.util.retry.Retry;

/**
 * A consumer of one queue that lives as long as its Spring context: consuming starts with the context and
 * stops (returning unacknowledged deliveries to the queue) when it closes.
 */
public abstract class QueueConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

  /** Work that fails (database or broker away) is retried in place, from this delay up to the next. */
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  private volatile Disposable consumption;

  /** Subscribes to the queue; called once when the context starts. */
  protected abstract Disposable startConsuming();

  /**
   * Does the work until it succeeds, then acknowledges the delivery: nothing is acknowledged that is not
   * done, and retrying in place (rather than requeueing) keeps the order of what comes after it.
   */
  protected static Mono<Void> acknowledgeWhenDone(
      AcknowledgableDelivery delivery, Supplier<Mono<Void>> work, Supplier<String> description) {
    return Mono.defer(work)
        .doOnError(error -> log.warn("{} failed, retrying: {}", description.get(), error.toString()))
        .retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY_DELAY).maxBackoff(MAX_RETRY_DELAY))
        .doOnSuccess(done -> delivery.ack());
  }

  @Override
  public final void start() {
    consumption = startConsuming();
  }

  @Override
  public final void stop() {
    Disposable current = consumption;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public final boolean isRunning() {
    Disposable current = consumption;
    return current != null && !current.isDisposed();
  }
}
