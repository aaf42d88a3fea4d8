package io.switchboard.broker;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * A service's consumption of one queue, started and stopped with the application: {@link #consume()} declares
 * what it needs and subscribes; stopping disposes the subscription, which hands every unacknowledged delivery
 * back to the broker. Work that fails is retried in place with {@link #retryForever()}, so a consumer stalls
 * rather than skips while a database or server it needs is away.
 */
public abstract class QueueConsumer implements SmartLifecycle {

  /** First wait before work that failed is tried again; it doubles up to {@link #MAX_RETRY_DELAY}. */
  public static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);

  public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  private volatile Disposable consumption;

  /** Declares the queue's topology and subscribes to it; called on every start. */
  protected abstract Disposable consume();

  /** Backoff from {@link #FIRST_RETRY_DELAY} to {@link #MAX_RETRY_DELAY}, without limit. */
  public static Retry retryForever() {
    return Retry.backoff(Long.MAX_VALUE, FIRST_RETRY_DELAY).maxBackoff(MAX_RETRY_DELAY);
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
