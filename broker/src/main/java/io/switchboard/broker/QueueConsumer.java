package io.switchboard.broker;

import java.time.Duration;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * A service's consumption of one queue, started and stopped with the application: {@link #consume()} declares
 * what it needs and subscribes; stopping disposes the subscription, which hands every unacknowledged delivery
 * back to the broker. Work that fails is retried in place with {@link #retryForever()}, so a consumer stalls
 * rather than skips while a database or server it needs is away; a lost broker connection ends the whole run,
 * and {@link #reconsuming} starts the next one on the next connection.
 */
public abstract class QueueConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

  /** First wait before work that failed is tried again; it doubles up to {@link #MAX_RETRY_DELAY}. */
  public static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);

  public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  /**
   * Wait between one consumption run failing and the next one starting; the next one first waits for a
   * connection anyway, so this only spaces out runs that fail for another reason (a declaration refused).
   */
  static final Duration RECONSUME_DELAY = Duration.ofMillis(500);

  private volatile Disposable consumption;

  /** Declares the queue's topology and subscribes to it; called on every start. */
  protected abstract Disposable consume();

  /** Backoff from {@link #FIRST_RETRY_DELAY} to {@link #MAX_RETRY_DELAY}, without limit. */
  public static Retry retryForever() {
    return Retry.backoff(Long.MAX_VALUE, FIRST_RETRY_DELAY).maxBackoff(MAX_RETRY_DELAY);
  }

  /**
   * Runs one consumption (declare what it needs, consume, process) and, whenever it fails — above all when
   * the broker connection is lost, which fails every {@link Broker#consume} Flux — waits for the broker and
   * runs it again. In-flight work of the failed run is cancelled; its unacknowledged deliveries come back
   * from the broker, so what each run does must be safe to repeat (which acknowledging only after the work
   * is done already requires).
   */
  public static Flux<Object> reconsuming(Broker broker, String queue, Supplier<? extends Publisher<?>> oneRun) {
    return Flux.<Object>defer(() -> Flux.from(oneRun.get()).map(Object.class::cast))
        .doOnError(error -> log.warn("consuming {} stopped, consuming again once the broker is back: {}",
            queue, error.toString()))
        .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RECONSUME_DELAY)
            .doBeforeRetryAsync(signal -> broker.awaitConnection()));
  }

  @Override
  public void start() {
    consumption = consume();
  }

  @Override
  public void stop() {
    Disposable current = consumption;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable current = consumption;
    return current != null && !current.isDisposed();
  }
}
